// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/base/language.h"
#include "core/base/settings.h"
#include "core/storage/database.h"
#include "ui/demodata.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

namespace {

/// Every piece of text a user can see in the window: title, menus (recursively), labels,
/// navigator items, list headers, tooltips excluded (they are data such as paths).
QStringList visibleTexts(QMainWindow &w)
{
    QStringList out{w.windowTitle()};
    std::function<void(QMenu *)> walkMenu = [&](QMenu *m) {
        out << m->title();
        for (QAction *a : m->actions()) {
            if (a->isSeparator())
                continue;
            out << a->text();
            if (a->menu())
                walkMenu(a->menu());
        }
    };
    for (QAction *a : w.menuBar()->actions())
        if (a->menu())
            walkMenu(a->menu());
    for (QLabel *l : w.findChildren<QLabel *>())
        out << l->text();
    auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigator"));
    for (int i = 0; nav && i < nav->topLevelItemCount(); ++i)
        out << nav->topLevelItem(i)->text(0);
    auto *list = w.findChild<QAbstractItemView *>(QStringLiteral("ticketList"));
    for (int c = 0; list && c < list->model()->columnCount(); ++c)
        out << list->model()->headerData(c, Qt::Horizontal).toString();
    out.removeAll(QString());
    return out;
}

QStringList matching(const QStringList &texts, const QRegularExpression &re)
{
    QStringList hits;
    for (const QString &t : texts) {
        // Korean menus follow the platform convention "파일(&F)": the access key in
        // parentheses is a keyboard legend, not English text.
        QString plain = t;
        plain.remove(QRegularExpression(QStringLiteral("\\(&[A-Z0-9]\\)")));
        plain.remove(QLatin1Char('&'));
        if (re.match(plain).hasMatch())
            hits << t;
    }
    return hits;
}

const QRegularExpression kLatin(QStringLiteral("[A-Za-z]"));
const QRegularExpression
    kHangul(QStringLiteral("[\\x{AC00}-\\x{D7A3}\\x{1100}-\\x{11FF}\\x{3130}-\\x{318F}]"));

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = hd::Database::open(m_dir.filePath(QStringLiteral("db.sqlite")));
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        m_db = std::move(db).value();
    }

    void koreanWindowHasNoEnglish()
    {
        hd::Settings settings(m_dir.filePath(QStringLiteral("ko.ini")));
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("ko")));
        hd::MainWindow w(settings, lang, *m_db);
        w.show();
        const QStringList texts = visibleTexts(w);
        QVERIFY(texts.size() > 30);
        const QStringList english = matching(texts, kLatin);
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
        QVERIFY(!matching(texts, kHangul).isEmpty());
    }

    void englishWindowHasNoKorean()
    {
        hd::Settings settings(m_dir.filePath(QStringLiteral("en.ini")));
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        hd::MainWindow w(settings, lang, *m_db);
        w.show();
        const QStringList korean = matching(visibleTexts(w), kHangul);
        QVERIFY2(korean.isEmpty(), qPrintable(korean.join(QStringLiteral(" | "))));
    }

    void switchingLanguageRetranslatesOpenWindowAndIsRemembered()
    {
        const QString ini = m_dir.filePath(QStringLiteral("switch.ini"));
        hd::Settings settings(ini);
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        hd::MainWindow w(settings, lang, *m_db);
        w.show();
        auto *fileMenu = w.findChild<QMenu *>(QStringLiteral("menuFile"));
        QVERIFY(fileMenu);
        QCOMPARE(fileMenu->title(), QStringLiteral("&File"));

        auto *ko = w.findChild<QAction *>(QStringLiteral("actionLanguageKo"));
        QVERIFY(ko);
        ko->trigger();
        QCOMPARE(lang.current(), QStringLiteral("ko"));
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("파일(&F)"));
        QTRY_VERIFY2(matching(visibleTexts(w), kLatin).isEmpty(),
                     qPrintable(matching(visibleTexts(w), kLatin).join(QStringLiteral(" | "))));
        QVERIFY(ko->isChecked());
        settings.sync();
        QCOMPARE(hd::Settings(ini).value(hd::keys::language), QStringLiteral("ko"));

        w.findChild<QAction *>(QStringLiteral("actionLanguageEn"))->trigger();
        QTRY_COMPARE(fileMenu->title(), QStringLiteral("&File"));
        QTRY_VERIFY(matching(visibleTexts(w), kHangul).isEmpty());
    }

    void statusBarShowsConnectionState()
    {
        hd::Settings settings(m_dir.filePath(QStringLiteral("st.ini")));
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        hd::MainWindow w(settings, lang, *m_db);
        auto *state = w.findChild<QLabel *>(QStringLiteral("connectionState"));
        QVERIFY(state);
        QVERIFY(state->text().startsWith(QStringLiteral("Offline")));
        w.setConnectionState(hd::MainWindow::ConnectionState::Syncing, 3);
        QCOMPARE(state->text(), QStringLiteral("Syncing: 3 changes waiting"));
        w.setConnectionState(hd::MainWindow::ConnectionState::Syncing, 1);
        QCOMPARE(state->text(), QStringLiteral("Syncing: 1 change waiting"));
    }

    void aboutDialogShowsVersionAndLicense()
    {
        hd::Settings settings(m_dir.filePath(QStringLiteral("about.ini")));
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        hd::MainWindow w(settings, lang, *m_db);
        w.show();
        QString version;
        QString licenses;
        QTimer::singleShot(0, &w, [&] {
            QWidget *dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            version = dialog->findChild<QLabel *>(QStringLiteral("aboutVersion"))->text();
            licenses = dialog->findChild<QWidget *>(QStringLiteral("aboutLicenses"))
                           ->property("plainText")
                           .toString();
            dialog->close();
        });
        w.findChild<QAction *>(QStringLiteral("actionAbout"))->trigger();
        QVERIFY2(version.contains(QStringLiteral(HELPDESK_VERSION)), qPrintable(version));
        QVERIFY(licenses.contains(QStringLiteral("GNU General Public License")));
        QVERIFY(licenses.contains(QStringLiteral("Qt Charts")));
    }

    void firstStartOffersDemoDataOnce()
    {
        QTemporaryDir dir;
        auto db = hd::Database::open(dir.filePath(QStringLiteral("first.sqlite")));
        QVERIFY(db.ok());
        hd::Settings settings(dir.filePath(QStringLiteral("first.ini")));
        hd::Language lang;
        QVERIFY(lang.apply(QStringLiteral("en")));
        hd::MainWindow w(settings, lang, **db);
        w.show();
        auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigator"));
        QCOMPARE(nav->topLevelItem(2)->text(1), QStringLiteral("0"));

        QSignalSpy refreshed(&w, &hd::MainWindow::refreshed);
        hd::DemoData::setNextAnswer(true);
        w.offerDemoData();
        QVERIFY(refreshed.wait(60000));
        const qint64 tickets
            = (*db)->scalar(QStringLiteral("SELECT count(*) FROM tickets"))->toLongLong();
        QCOMPARE(tickets, hd::DemoData::kTickets);
        // the navigator shows live counts and the list shows the view
        QVERIFY(nav->topLevelItem(5)->text(1).remove(QLatin1Char(',')).toLongLong() > 0);
        nav->setCurrentItem(nav->topLevelItem(5)); // Closed
        auto *list = w.findChild<QAbstractItemView *>(QStringLiteral("ticketList"));
        QTRY_VERIFY(list->model()->rowCount() > 0);
        QVERIFY(settings.value(hd::keys::demoDataOffered));

        // asked once per installation: a second offer does nothing, even on an empty database
        hd::DemoData::setNextAnswer(true);
        bool called = false;
        auto other = hd::Database::open(dir.filePath(QStringLiteral("second.sqlite")));
        hd::DemoData::offer(&w, **other, settings, [&](bool loaded) {
            called = true;
            QVERIFY(!loaded);
        });
        QVERIFY(called);
        QCOMPARE((*other)->scalar(QStringLiteral("SELECT count(*) FROM tickets"))->toLongLong(), 0);
        hd::DemoData::setNextAnswer(std::nullopt);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<hd::Database> m_db;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
