// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/domain/ticket.h"

#include <QAbstractListModel>

namespace hd {

class AttachmentStore;

/// The attachments of the message being written: name and size, an image thumbnail or a file
/// icon. The same bytes under the same name are listed once.
class ComposerAttachmentModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { Sha256Role = Qt::UserRole + 1, SizeRole, MediaTypeRole };

    explicit ComposerAttachmentModel(AttachmentStore &store, QObject *parent = nullptr);

    /// False when already listed.
    bool add(const AttachmentRef &ref);
    void removeAt(int row);
    void setAll(const QList<AttachmentRef> &refs);
    [[nodiscard]] const QList<AttachmentRef> &all() const { return m_refs; }
    [[nodiscard]] qint64 totalBytes() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    AttachmentStore &m_store;
    QList<AttachmentRef> m_refs;
};

} // namespace hd
