// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/language.h"

#include "core/base/logging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace hd {

Language::Language(QObject *parent)
    : QObject(parent)
{ }

Language::~Language()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList Language::supported()
{
    return {QStringLiteral("en"), QStringLiteral("ko")};
}

QString Language::resolve(const QString &commandLine, const QString &setting,
                          const QStringList &systemUiLanguages)
{
    const QStringList langs = supported();
    for (const QString &candidate : {commandLine, setting}) {
        const QString c = candidate.trimmed().toLower();
        if (langs.contains(c))
            return c;
    }
    for (const QString &ui : systemUiLanguages) {
        const QString c
            = ui.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (langs.contains(c))
            return c;
    }
    return QStringLiteral("en");
}

QString Language::localeName(const QString &code)
{
    return code == QLatin1String("ko") ? QStringLiteral("ko_KR") : QStringLiteral("en_US");
}

bool Language::apply(const QString &code)
{
    if (!supported().contains(code))
        return false;
    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/helpdesk_") + code)) {
        qCWarning(lcApp) << "translation catalogue missing for" << code;
        return false;
    }
    auto qt = std::make_unique<QTranslator>();
    const bool qtLoaded = qt->load(QStringLiteral("qtbase_") + code,
                                   QLibraryInfo::path(QLibraryInfo::TranslationsPath));

    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app = std::move(app);
    m_qt = std::move(qt);
    m_qtLoaded = qtLoaded;
    if (m_qtLoaded)
        QCoreApplication::installTranslator(m_qt.get());
    QCoreApplication::installTranslator(m_app.get());
    QLocale::setDefault(QLocale(localeName(code)));
    const bool changedCode = m_current != code;
    m_current = code;
    if (changedCode)
        Q_EMIT changed(code);
    return true;
}

} // namespace hd
