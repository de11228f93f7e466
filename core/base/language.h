// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QTranslator;

namespace hd {

/// Chooses the user-interface language and installs the translators for it: our own
/// catalogue (embedded as :/i18n/helpdesk_<lang>.qm) and Qt's qtbase catalogue. Installing a
/// translator makes Qt send QEvent::LanguageChange to every widget, so open windows
/// retranslate themselves without a restart.
class Language : public QObject
{
    Q_OBJECT
public:
    explicit Language(QObject *parent = nullptr);
    ~Language() override;

    /// Languages the product ships, as ISO 639-1 codes.
    static QStringList supported();
    /// --lang first, then the saved setting, then the system locale; "en" as the last resort.
    /// Unsupported values are skipped.
    static QString resolve(const QString &commandLine, const QString &setting,
                           const QStringList &systemUiLanguages);
    /// The QLocale name used for numbers and dates in a language ("ko_KR", "en_US").
    static QString localeName(const QString &code);

    /// Installs the translators for code and sets the default QLocale. Returns false if the
    /// code is unsupported or our catalogue is missing (Qt's own may be absent on a system).
    bool apply(const QString &code);
    [[nodiscard]] QString current() const { return m_current; }
    /// Whether Qt's own translations (qtbase) were found for the current language.
    [[nodiscard]] bool qtCatalogueLoaded() const { return m_qtLoaded; }

Q_SIGNALS:
    void changed(const QString &code);

private:
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current;
    bool m_qtLoaded = false;
};

} // namespace hd
