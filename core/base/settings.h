// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>

namespace hd {

/// A typed settings key: its name in the store and its default. All keys live in one table
/// (namespace keys below), so every setting the product reads is listed in one place.
template<typename T>
struct SettingKey
{
    const char *name;
    T defaultValue;
};

namespace keys {
// General
inline const SettingKey<QString> language{"general/language", QString()}; // "" = system
inline const SettingKey<QString> databasePath{"general/databasePath",
                                              QString()}; // "" = data folder
inline const SettingKey<bool> demoDataOffered{"general/demoDataOffered", false};
// Logging
inline const SettingKey<QString> logRules{"logging/rules", QString()};
inline const SettingKey<int> logMaxFileKiB{"logging/maxFileKiB", 4096};
inline const SettingKey<int> logKeepFiles{"logging/keepFiles", 5};
// Sync
inline const SettingKey<QString> serverUrl{"sync/serverUrl", QString()};
inline const SettingKey<QString> serverUser{"sync/user", QString()};
/// The signed-in agent (set by sign-in, cleared by sign-out): with serverUrl, which replica the
/// desktop opens at start; the token itself is in the keyring (sync/tokenstore.h).
inline const SettingKey<QString> serverAgentUuid{"sync/agentUuid", QString()};
inline const SettingKey<QString> serverAgentName{"sync/agentName", QString()};
// Reports
/// Scheduled report exports: a JSON array (core/reporting/schedule.h, schedulesToJson()).
inline const SettingKey<QString> reportSchedules{"reports/schedules", QString()};
// Window state (ui)
inline const SettingKey<QByteArray> mainWindowGeometry{"ui/mainWindowGeometry", QByteArray()};
inline const SettingKey<QByteArray> mainWindowState{"ui/mainWindowState", QByteArray()};
inline const SettingKey<QByteArray> mainSplitterState{"ui/mainSplitterState", QByteArray()};
} // namespace keys

/// Typed access to the persistent settings. Owns a QSettings; tests hand it an INI file.
class Settings
{
public:
    /// Native settings store for the application (organization/application names).
    Settings();
    /// Settings in an INI file at path (tests, portable installs).
    explicit Settings(const QString &iniPath);

    template<typename T>
    [[nodiscard]] T value(const SettingKey<T> &key) const
    {
        QVariant v = m_store->value(QString::fromLatin1(key.name));
        // A missing key or a value that does not convert (e.g. "lots" for an int) yields the
        // default rather than a silent 0.
        if (!v.isValid() || !v.convert(QMetaType::fromType<T>()))
            return key.defaultValue;
        return v.value<T>();
    }

    template<typename T>
    void setValue(const SettingKey<T> &key, const T &value)
    {
        m_store->setValue(QString::fromLatin1(key.name), QVariant::fromValue(value));
    }

    template<typename T>
    void reset(const SettingKey<T> &key)
    {
        m_store->remove(QString::fromLatin1(key.name));
    }

    void sync() { m_store->sync(); }
    [[nodiscard]] QString fileName() const { return m_store->fileName(); }

private:
    std::unique_ptr<QSettings> m_store;
};

} // namespace hd
