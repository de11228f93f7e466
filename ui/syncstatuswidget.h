// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace hd {

/// The status bar's sync part: the connection (Signed out / Online / Offline / Syncing…) with
/// the changes waiting in the outbox, and a badge with the changes the server refused and its
/// notices, which opens the rejections dialog (badgeClicked()). Offline and "sign in again"
/// carry the last error as tooltip. Retranslates itself on a language change.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { SignedOut, SignInAgain, Online, Offline, Syncing };
    Q_ENUM(Mode)

    explicit SyncStatusWidget(QWidget *parent = nullptr);

    void setMode(Mode mode, const QString &lastError = {});
    void setPending(int operations);
    void setRejections(int refused, int notices);

    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString stateToolTip() const;
    /// Empty when there is nothing to show.
    [[nodiscard]] QString badgeText() const;

Q_SIGNALS:
    void badgeClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void refreshTexts();

    Mode m_mode = Mode::SignedOut;
    QString m_error;
    int m_pending = 0;
    int m_refused = 0;
    int m_notices = 0;
    QLabel *m_state = nullptr;
    QToolButton *m_badge = nullptr;
};

} // namespace hd
