// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QEvent>
#include <QLabel>

#include <array>
#include <utility>

namespace hd {

/// Makes a label wrap its words and take any width its layout gives it, so long Korean or
/// English text never widens a panel. Keeps the height-for-width flag that word wrapping sets
/// (a plain setSizePolicy() would drop it and leave the label at its preferred height).
inline void makeWrapping(QLabel *label)
{
    label->setWordWrap(true);
    QSizePolicy policy = label->sizePolicy();
    policy.setHorizontalPolicy(QSizePolicy::Ignored);
    policy.setHeightForWidth(true);
    label->setSizePolicy(policy);
}

/// A wrapping label for text that does not change (message bodies, history lines). Layouts ask
/// a label's height for the same few widths again and again, and each answer lays the text out
/// anew (a QTextDocument for selectable text); a thread of hundreds of messages spent most of
/// its time there. This remembers the last few answers.
class WrappedLabel : public QLabel
{
public:
    explicit WrappedLabel(const QString &text, QWidget *parent = nullptr)
        : QLabel(text, parent)
    {
        setTextFormat(Qt::PlainText);
        setAlignment(Qt::AlignTop | Qt::AlignLeft);
        makeWrapping(this);
    }

    int heightForWidth(int width) const override
    {
        for (const auto &[w, h] : m_cache)
            if (w == width)
                return h;
        const int h = QLabel::heightForWidth(width);
        m_cache[m_next] = {width, h};
        m_next = (m_next + 1) % m_cache.size();
        return h;
    }

    /// Layouts size this label by heightForWidth(); the preferred size of an unwrapped text
    /// (which QLabel computes by laying out all of it) is never used, so keep it cheap.
    QSize sizeHint() const override
    {
        const QFontMetrics fm = fontMetrics();
        return {fm.averageCharWidth() * 20, heightForWidth(fm.averageCharWidth() * 60)};
    }
    QSize minimumSizeHint() const override { return {0, fontMetrics().lineSpacing()}; }

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
            m_cache.fill({-1, 0});
        QLabel::changeEvent(event);
    }

private:
    mutable std::array<std::pair<int, int>, 4> m_cache{{{-1, 0}, {-1, 0}, {-1, 0}, {-1, 0}}};
    mutable std::size_t m_next = 0;
};

} // namespace hd
