// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/composerattachments.h"

#include "ui/attachmentactions.h"
#include "ui/attachmentintake.h"

namespace hd {

ComposerAttachmentModel::ComposerAttachmentModel(AttachmentStore &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{ }

int ComposerAttachmentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_refs.size());
}

QVariant ComposerAttachmentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AttachmentRef &a = m_refs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(a.fileName, AttachmentIntake::formatSize(a.size));
    case Qt::DecorationRole:
        return AttachmentActions::thumbnail(m_store, a, 32);
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2 · %3")
            .arg(a.fileName, AttachmentIntake::formatSize(a.size), a.mediaType);
    case Sha256Role:
        return a.sha256;
    case SizeRole:
        return a.size;
    case MediaTypeRole:
        return a.mediaType;
    default:
        return {};
    }
}

bool ComposerAttachmentModel::add(const AttachmentRef &ref)
{
    for (const AttachmentRef &a : std::as_const(m_refs))
        if (a.sha256 == ref.sha256 && a.fileName == ref.fileName)
            return false;
    const int row = int(m_refs.size());
    beginInsertRows({}, row, row);
    m_refs << ref;
    endInsertRows();
    return true;
}

void ComposerAttachmentModel::removeAt(int row)
{
    if (row < 0 || row >= m_refs.size())
        return;
    beginRemoveRows({}, row, row);
    m_refs.removeAt(row);
    endRemoveRows();
}

void ComposerAttachmentModel::setAll(const QList<AttachmentRef> &refs)
{
    if (!m_refs.isEmpty()) {
        beginRemoveRows({}, 0, int(m_refs.size()) - 1);
        m_refs.clear();
        endRemoveRows();
    }
    if (!refs.isEmpty()) {
        beginInsertRows({}, 0, int(refs.size()) - 1);
        m_refs = refs;
        endInsertRows();
    }
}

qint64 ComposerAttachmentModel::totalBytes() const
{
    qint64 n = 0;
    for (const AttachmentRef &a : m_refs)
        n += a.size;
    return n;
}

} // namespace hd
