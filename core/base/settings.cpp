// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/settings.h"

#include "core/base/version.h"

namespace hd {

Settings::Settings()
    : m_store(std::make_unique<QSettings>(QString::fromLatin1(kOrganizationName),
                                          QString::fromLatin1(kApplicationName)))
{ }

Settings::Settings(const QString &iniPath)
    : m_store(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{ }

} // namespace hd
