// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"
#include "core/channels/chatimport.h"
#include "core/channels/csvimport.h"
#include "core/domain/enums.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <atomic>
#include <functional>
#include <optional>

namespace hd {
class Clock;
class Directory;
class TicketStore;
} // namespace hd

namespace hd::chat {

/// What kind of export a file is. Auto looks at the content: JSON → ChannelTalk, a KakaoTalk
/// layout (text or Mac CSV) → Kakao, a CSV whose header names a time and a message column → Csv.
enum class ImportKind { Auto, Kakao, ChannelTalk, Csv };

/// "auto", "kakao", "channeltalk", "csv".
QString kindName(ImportKind kind);
std::optional<ImportKind> parseImportKind(QStringView name);

/// Everything an import of one file needs besides the database.
struct FileImportRequest
{
    using Kind = ImportKind;
    Kind kind = Kind::Auto;
    QString path;
    qint64 gapSeconds = 30 * 60; ///< a longer pause starts a new ticket
    QStringList agents; ///< senders on the business side besides the exporting user
    QTimeZone zone = QTimeZone::systemTimeZone(); ///< the export's local times are read here
    QString room; ///< empty = the export's title, else the file name
    double maxOpenHours = 24; ///< ChannelTalk: split a chat open longer than this
    std::optional<CsvMapping> csvMapping; ///< CSV: empty = guessed from the header
    Channel csvChannel = Channel::Web;
};

/// What importing one file did (the summed summaries of its conversations).
struct FileImportResult
{
    ImportKind kind = ImportKind::Auto; ///< the kind actually imported (never Auto)
    QString format; ///< e.g. "kakao-android-ko", "channeltalk-v5", "csv"
    ChatImportSummary summary;
    /// Cancelled between two transactions: what was committed stays, and importing the file
    /// again continues it. The summary then counts what was committed: rooms that finished
    /// exactly, the interrupted room's new tickets, messages and system lines as read back from
    /// the database (its continued tickets and already-there messages are not counted).
    bool cancelled = false;
    qint64 conversationsDone = 0; ///< sessions (future tickets) processed
    qint64 conversationsTotal = 0;
};

enum class ImportPhase {
    Reading, ///< parsing the file: done/total are lines (KakaoTalk only)
    Importing, ///< writing tickets: done/total are conversations (sessions) of the whole file
};
/// Called on the importing thread; the cancel flag is read right after each call.
using ImportProgress = std::function<void(ImportPhase phase, qint64 done, qint64 total)>;

/// A sender found in an export, for choosing who is on the business side.
struct PreviewSender
{
    QString key; ///< as the export names the sender (what FileImportRequest::agents takes)
    QString name; ///< display name (ChannelTalk: the person's name; else the key)
    int messages = 0;
    /// Always on the business side, whatever is chosen: the exporting user (회원님, 나, you, Me),
    /// ChannelTalk managers and bots, CSV rows whose role column says agent.
    bool business = false;
};

/// What a file holds, read without writing anything.
struct FilePreview
{
    ImportKind kind = ImportKind::Auto;
    QString format;
    QString roomTitle; ///< the export's title (KakaoTalk), else empty
    int lines = 0;
    int messages = 0;
    int problems = 0;
    int conversations = 0; ///< rooms/chats (ChannelTalk chats, CSV conversation keys); KakaoTalk 1
    QList<PreviewSender> senders; ///< most messages first
    std::optional<CsvMapping> csvMapping; ///< CSV: the mapping used (given or guessed)
};

/// Reads a chat export (KakaoTalk, ChannelTalk, CSV) and imports it through ChatImporter: the one
/// implementation behind `helpdesk-cli import` and the import dialog.
class FileImporter
{
    Q_DECLARE_TR_FUNCTIONS(hd::chat::FileImporter)
public:
    /// The kind of a file from its content (see ImportKind::Auto); InvalidArgument naming why
    /// when it is none of them.
    static Result<ImportKind> detect(const QString &path);
    /// Guesses a CSV column mapping from a header row (Date/Time/시간, User/Sender/보낸사람,
    /// Message/Text/내용, Room/Conversation/대화방, Role/역할); nullopt when no time or text
    /// column is recognisable.
    static std::optional<CsvMapping> guessCsvMapping(const QStringList &header);
};

/// Parses and imports one file. Fails (nothing or a consistent part written) on unreadable or
/// unrecognisable files and storage errors; a cancel (the flag set while it runs) is not an
/// error: the result says cancelled.
Result<FileImportResult> importFile(TicketStore &store, Directory &directory, const Clock &clock,
                                    const FileImportRequest &request,
                                    const ImportProgress &progress = {},
                                    const std::atomic_bool *cancel = nullptr);

/// Detects the kind (unless given) and lists the senders with their message counts, so a user can
/// tick the agents. CSV without a mapping guesses one from the header.
Result<FilePreview> previewFile(const QString &path, ImportKind kind = ImportKind::Auto,
                                const std::optional<CsvMapping> &csvMapping = std::nullopt,
                                const ImportProgress &progress = {},
                                const std::atomic_bool *cancel = nullptr);

} // namespace hd::chat
