// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to core/channels/fileimport.cpp: reading a file of any kind (detection included).

#include "core/channels/channeltalk.h"
#include "core/channels/fileimport.h"

namespace hd::chat::fileimport {

/// A parsed file of any kind.
struct Loaded
{
    ImportKind kind = ImportKind::Auto;
    QString format;
    ParsedChat kakao;
    ChannelTalkExport channelTalk;
    QList<CsvConversation> csv;
    CsvMapping mapping;
};

bool isCancelled(const std::atomic_bool *cancel);

/// Reads and parses path as `kind` (Auto: detects it). A cancel while reading a KakaoTalk export
/// fails with ErrorCode::Conflict.
Result<Loaded> load(const QString &path, ImportKind kind, std::optional<CsvMapping> mapping,
                    const QTimeZone &zone, const ImportProgress &progress,
                    const std::atomic_bool *cancel);

} // namespace hd::chat::fileimport
