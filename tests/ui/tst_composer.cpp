// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/storage/attachmentstore.h"
#include "core/storage/drafts.h"
#include "core/storage/macros.h"
#include "ui/composer.h"
#include "ui/composerattachments.h"
#include "ui/composereditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QToolButton>

#include <unistd.h>

using namespace hd;

namespace {
/// A store fixture with what the composer needs, an agent, a customer and an open ticket.
struct Fixture : StoreFixture
{
    explicit Fixture(qint64 maxAttachmentBytes = AttachmentStore::kDefaultMaxFileBytes)
        : attachments(dir.filePath("blobs"), maxAttachmentBytes)
        , drafts(*db, clock)
        , macros(*db, clock)
        , me(agent("Park"))
        , kim(customer("김민지"))
        , ticket(StoreFixture::ticket("결제가 안 돼요", "카드 결제가 계속 실패합니다", kim.id))
        , composer(*store, *directory, attachments, drafts, macros, clock, me.id)
    {
        composer.resize(700, 420);
        composer.show();
        composer.setTicket(ticket.id);
    }

    template<typename T>
    T *child(const char *name)
    {
        T *w = composer.findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
    ComposerEditor *editor() { return child<ComposerEditor>("composerEditor"); }
    QString banner() { return child<QLabel>("composerBanner")->text(); }
    QString sendText() { return child<QPushButton>("composerSend")->text(); }
    void write(const QString &text)
    {
        editor()->setFocus();
        editor()->insertPlainText(text);
    }
    QList<Message> messages() { return *store->messages(ticket.id, true); }
    QString file(const QString &name, const QByteArray &bytes)
    {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(name));
        return f.fileName();
    }

    AttachmentStore attachments;
    Drafts drafts;
    Macros macros;
    Agent me;
    Customer kim;
    Ticket ticket;
    Composer composer;
};
} // namespace

class TestComposer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void audienceSwitchIsObvious()
    {
        Fixture f;
        QCOMPARE(f.composer.audience(), Visibility::Public);
        QCOMPARE(f.banner(), QString("The customer will see this"));
        QCOMPARE(f.sendText(), QString("Send reply"));
        QVERIFY(f.editor()->placeholderText().contains("김민지"));
        const QString replyFrame = f.editor()->styleSheet();

        QTest::mouseClick(f.child<QToolButton>("composerNote"), Qt::LeftButton);
        QCOMPARE(f.composer.audience(), Visibility::Internal);
        QVERIFY(f.child<QToolButton>("composerNote")->isChecked());
        QVERIFY(!f.child<QToolButton>("composerReply")->isChecked());
        QCOMPARE(f.banner(), QString("Only colleagues see this"));
        QCOMPARE(f.sendText(), QString("Add note"));
        QVERIFY(f.editor()->styleSheet() != replyFrame); // frame and background change

        QTest::mouseClick(f.child<QToolButton>("composerReply"), Qt::LeftButton);
        QCOMPARE(f.composer.audience(), Visibility::Public);
        QCOMPARE(f.banner(), QString("The customer will see this"));
        QCOMPARE(f.editor()->styleSheet(), replyFrame);
    }

    void sendsInternalNoteAndPublicReply()
    {
        Fixture f;
        QSignalSpy sent(&f.composer, &Composer::sent);
        QTest::mouseClick(f.child<QToolButton>("composerNote"), Qt::LeftButton);
        f.editor()->setFocus();
        QTest::keyClicks(f.editor(), "Refund was charged twice; ");
        f.write("확인 필요");
        QTest::mouseClick(f.child<QPushButton>("composerSend"), Qt::LeftButton);
        QCOMPARE(sent.size(), 1);
        QCOMPARE(f.composer.text(), QString());
        QCOMPARE(f.composer.notice(), QString("Note added."));

        QTest::mouseClick(f.child<QToolButton>("composerReply"), Qt::LeftButton);
        f.write("안녕하세요, 환불을 진행하겠습니다.");
        QTest::mouseClick(f.child<QPushButton>("composerSend"), Qt::LeftButton);
        QCOMPARE(sent.size(), 2);
        QCOMPARE(f.composer.notice(), QString("Reply sent."));

        const QList<Message> all = f.messages();
        QCOMPARE(all.size(), 3); // the customer's first message, the note, the reply
        QCOMPARE(all[1].visibility, Visibility::Internal);
        QCOMPARE(all[1].body, QString("Refund was charged twice; 확인 필요"));
        QCOMPARE(all[1].authorAgentId, f.me.id);
        QCOMPARE(all[2].visibility, Visibility::Public);
        QCOMPARE(all[2].body, QString("안녕하세요, 환불을 진행하겠습니다."));
        QCOMPARE(sent.at(1).at(1).toLongLong(), all[2].id);
        // Customers never see the note.
        const QList<Message> publicOnly = *f.store->messages(f.ticket.id, false);
        QCOMPARE(publicOnly.size(), 2);
        QVERIFY(!f.drafts.load(f.ticket.id, f.me.id)->has_value());
    }

    void refusesEmptyMessage()
    {
        Fixture f;
        f.write("   \n ");
        QVERIFY(!f.composer.send());
        QVERIFY(f.composer.notice().contains("Write a message"));
        QCOMPARE(f.messages().size(), 1);
    }

    void attachesFileByButtonAndSendsIt()
    {
        Fixture f;
        auto *tester = new QAbstractItemModelTester(
            f.composer.attachmentModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
            &f.composer);
        Q_UNUSED(tester)
        const QString log = f.file("서버 로그.txt", "line 1\nline 2\n");
        Composer::setNextFileChoice(QStringList{log});
        QTest::mouseClick(f.child<QToolButton>("composerAttach"), Qt::LeftButton);
        QCOMPARE(f.composer.attachments().size(), 1);
        QCOMPARE(f.composer.attachments()[0].fileName, QString("서버 로그.txt"));
        QCOMPARE(f.composer.attachments()[0].mediaType, QString("text/plain"));
        QVERIFY(f.child<QListView>("composerAttachments")->isVisible());
        // The same file twice is listed once.
        QVERIFY(f.composer.addFiles({log}));
        QCOMPARE(f.composer.attachmentModel()->rowCount(), 1);

        QVERIFY(f.composer.send()); // an attachment alone is a message
        const Message m = f.messages().last();
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments[0].fileName, QString("서버 로그.txt"));
        QVERIFY(f.attachments.contains(m.attachments[0].sha256));
        QCOMPARE(f.composer.attachmentModel()->rowCount(), 0);
        QVERIFY(!f.child<QListView>("composerAttachments")->isVisible());

        // Removing an attachment before sending.
        QVERIFY(f.composer.addFiles({log}));
        auto *list = f.child<QListView>("composerAttachments");
        list->setCurrentIndex(f.composer.attachmentModel()->index(0));
        list->findChild<QAction *>("composerRemoveAttachment")->trigger();
        QCOMPARE(f.composer.attachmentModel()->rowCount(), 0);
    }

    void overLimitFileIsRefusedAndDraftKept()
    {
        Fixture f(1024);
        f.write("로그를 첨부합니다");
        const QString big = f.file("big.log", QByteArray(2048, 'x'));
        Composer::setNextFileChoice(QStringList{big});
        QTest::mouseClick(f.child<QToolButton>("composerAttach"), Qt::LeftButton);
        QCOMPARE(f.composer.attachments().size(), 0);
        const QString notice = f.composer.notice();
        QVERIFY2(notice.contains("big.log") && notice.contains("at most"), qPrintable(notice));
        QCOMPARE(f.child<QLabel>("composerMessage")->property("severity").toString(),
                 QString("error"));
        QCOMPARE(f.composer.text(), QString("로그를 첨부합니다"));
        f.composer.saveDraft();
        QCOMPARE((*f.drafts.load(f.ticket.id, f.me.id))->body, QString("로그를 첨부합니다"));
    }

    void missingFolderBlockedAndUnreadableFilesAreExplained()
    {
        Fixture f;
        f.write("draft text");
        QVERIFY(!f.composer.addFiles({f.dir.filePath("gone.pdf")}));
        QVERIFY(f.composer.notice().contains("gone.pdf"));
        QVERIFY(!f.composer.addFiles({f.dir.path()}));
        QVERIFY(f.composer.notice().contains("folder"));
        const QString exe = f.file("setup.exe", QByteArray("MZ\x90\x00", 4) + QByteArray(100, 0));
        QVERIFY(!f.composer.addFiles({exe}));
        QVERIFY2(f.composer.notice().contains("blocked"), qPrintable(f.composer.notice()));
        // Unreadable: permissions for ordinary users; root reads everything, so use a file the
        // kernel refuses to read instead.
        QString unreadable = f.file("secret.txt", "secret");
        if (::geteuid() == 0)
            unreadable = "/proc/self/mem";
        else
            QFile::setPermissions(unreadable, {});
        QVERIFY(!f.composer.addFiles({unreadable}));
        QVERIFY2(f.composer.notice().contains(QFileInfo(unreadable).fileName()),
                 qPrintable(f.composer.notice()));
        QCOMPARE(f.composer.attachments().size(), 0);
        QCOMPARE(f.composer.text(), QString("draft text"));
    }

    void pastingTenMegabytesAttachesItAsFile()
    {
        Fixture f;
        f.write("요약: ");
        const QString huge(10 * 1024 * 1024, QLatin1Char('a'));
        QApplication::clipboard()->setText(huge);
        f.editor()->setFocus();
        f.editor()->paste();
        QCOMPARE(f.composer.text(), QString("요약: ")); // the draft is untouched
        QCOMPARE(f.composer.attachments().size(), 1);
        QVERIFY(f.composer.attachments()[0].fileName.startsWith("pasted-text-"));
        QCOMPARE(f.composer.attachments()[0].size, huge.size());
        QVERIFY2(f.composer.notice().contains("too many for a message"),
                 qPrintable(f.composer.notice()));

        // A short paste goes into the text as usual.
        QApplication::clipboard()->setText("짧은 글");
        f.editor()->paste();
        QCOMPARE(f.composer.text(), QString("요약: 짧은 글"));
    }

    void pastingTenMegabytesOverTheLimitIsRefused()
    {
        Fixture f(1024 * 1024);
        f.write("keep me");
        QApplication::clipboard()->setText(QString(10 * 1024 * 1024, QLatin1Char('b')));
        f.editor()->setFocus();
        f.editor()->paste();
        QCOMPARE(f.composer.text(), QString("keep me"));
        QCOMPARE(f.composer.attachments().size(), 0);
        QVERIFY2(f.composer.notice().contains("was not pasted"), qPrintable(f.composer.notice()));
    }

    void pastedScreenshotBecomesPng()
    {
        Fixture f;
        QImage shot(64, 48, QImage::Format_RGB32);
        shot.fill(Qt::darkCyan);
        QApplication::clipboard()->setImage(shot);
        f.editor()->setFocus();
        f.editor()->paste();
        QCOMPARE(f.composer.attachments().size(), 1);
        const AttachmentRef a = f.composer.attachments()[0];
        QCOMPARE(a.mediaType, QString("image/png"));
        QVERIFY(a.fileName.startsWith("screenshot-") && a.fileName.endsWith(".png"));
        QImage back;
        QVERIFY(back.load(f.attachments.pathFor(a.sha256), "PNG"));
        QCOMPARE(back.size(), QSize(64, 48));
    }

    void droppedFilesAreAttached()
    {
        Fixture f;
        const QString a = f.file("a.csv", "id,name\n1,김\n");
        const QString b = f.file("b.txt", "hello");
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
        QWidget *target = f.editor()->viewport();
        const QPoint pos = target->rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        QCOMPARE(f.composer.attachments().size(), 2);
        QCOMPARE(f.composer.text(), QString()); // no file path typed into the message
    }

    void warnsWhenTheTicketChangedUnderneath()
    {
        Fixture f;
        f.write("We have refunded you.");
        QVERIFY(!f.composer.collisionShown());
        f.clock.advanceSecs(30);
        f.customerWrites(f.ticket.id, f.kim.id, "아직도 안 돼요!");
        QVERIFY(f.composer.collisionShown());
        const QString banner = f.child<QLabel>("composerCollisionText")->text();
        QVERIFY2(banner.contains("New messages from the customer: 1"), qPrintable(banner));

        // Without the hook the real question appears; "Review first" keeps the draft.
        bool asked = false;
        QTimer::singleShot(0, &f.composer, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            QCOMPARE(box->objectName(), QString("collisionWarning"));
            QVERIFY(box->informativeText().contains("New messages from the customer: 1"));
            asked = true;
            box->defaultButton()->click(); // "Review first"
        });
        QVERIFY(!f.composer.send());
        QVERIFY(asked);
        QCOMPARE(f.messages().size(), 2);
        QCOMPARE(f.composer.text(), QString("We have refunded you."));

        Composer::setNextCollisionAnswer(true);
        QVERIFY(f.composer.send());
        QCOMPARE(f.messages().size(), 3);
        QVERIFY(!f.composer.collisionShown());
    }

    void ownChangesAndEmptyComposerDoNotWarn()
    {
        Fixture f;
        // Changes while nothing is written are simply the ticket as the agent finds it.
        f.customerWrites(f.ticket.id, f.kim.id, "hello?");
        QVERIFY(!f.composer.collisionShown());
        f.write("Working on it");
        QVERIFY(f.store->transition(f.ticket.id, TicketStatus::Open, Actor::agent(f.me.id)).ok());
        QVERIFY(
            f.store->transition(f.ticket.id, TicketStatus::Pending, Actor::agent(f.me.id)).ok());
        QVERIFY(!f.composer.collisionShown());
        Composer::setNextCollisionAnswer(false); // would refuse if asked
        QVERIFY(f.composer.send());
        Composer::setNextCollisionAnswer(std::nullopt);
        // A colleague's change is reported, and "Got it" acknowledges it.
        const Agent lee = f.agent("Lee");
        f.write("more");
        QVERIFY(f.store->assign(f.ticket.id, lee.id, Actor::agent(lee.id)).ok());
        QVERIFY(f.composer.collisionShown());
        QVERIFY(f.child<QLabel>("composerCollisionText")->text().contains("Assigned to Lee"));
        QTest::mouseClick(f.child<QPushButton>("composerCollisionAck"), Qt::LeftButton);
        QVERIFY(!f.composer.collisionShown());
        Composer::setNextCollisionAnswer(false);
        QVERIFY(f.composer.send()); // not asked any more
        Composer::setNextCollisionAnswer(std::nullopt);
    }

    void draftIsRestoredAfterSwitchingTickets()
    {
        Fixture f;
        const Ticket other = f.StoreFixture::ticket("다른 문의", "배송 문의", f.kim.id);
        QTest::mouseClick(f.child<QToolButton>("composerNote"), Qt::LeftButton);
        f.write("고객에게 전화해 볼 것");
        QVERIFY(f.composer.addFiles({f.file("memo.txt", "memo")}));
        // Saved after a pause in typing, without switching.
        QTRY_VERIFY(f.drafts.load(f.ticket.id, f.me.id)->has_value());
        QTRY_COMPARE((*f.drafts.load(f.ticket.id, f.me.id))->attachments.size(), 1);

        f.composer.setTicket(other.id);
        QCOMPARE(f.composer.text(), QString());
        QCOMPARE(f.composer.audience(), Visibility::Public);
        QCOMPARE(f.composer.attachments().size(), 0);
        f.write("배송 조회 중입니다");

        f.composer.setTicket(f.ticket.id);
        QCOMPARE(f.composer.text(), QString("고객에게 전화해 볼 것"));
        QCOMPARE(f.composer.audience(), Visibility::Internal);
        QCOMPARE(f.banner(), QString("Only colleagues see this"));
        QCOMPARE(f.composer.attachments().size(), 1);
        QVERIFY(!f.child<QLabel>("composerDraftState")->text().isEmpty());

        f.composer.setTicket(other.id);
        QCOMPARE(f.composer.text(), QString("배송 조회 중입니다"));
    }

    void draftRemembersWhatWasSeen()
    {
        Fixture f;
        f.write("draft");
        f.composer.saveDraft();
        f.composer.setTicket(0);
        f.customerWrites(f.ticket.id, f.kim.id, "while you were away");
        f.composer.setTicket(f.ticket.id);
        QVERIFY(f.composer.collisionShown());
    }

    void macroFillsPlaceholdersAndActsOnSend()
    {
        Fixture f;
        QVERIFY(f.store->transition(f.ticket.id, TicketStatus::Open, Actor::agent(f.me.id)).ok());
        Macro m;
        m.title = "환불 안내";
        m.body = "{{requester.name}}님, 문의 #{{ticket.number}} 건 환불을 진행합니다. - "
                 "{{agent.name}} {{requester.phone}}";
        m.actions.status = TicketStatus::Pending;
        m.actions.addTags = {"refund"};
        const Macro macro = *f.macros.create(m);
        auto *menu = f.child<QMenu>("composerMacroMenu");
        Q_EMIT menu->aboutToShow();
        auto *action = menu->findChild<QAction *>(QString("macro-%1").arg(macro.id));
        QVERIFY(action);
        action->trigger();
        QCOMPARE(f.composer.text(),
                 QString("김민지님, 문의 #1 건 환불을 진행합니다. - Park "
                         "{{requester.phone}}"));
        QVERIFY(f.child<QFrame>("composerMacroActions")->isVisible());
        QVERIFY(f.composer.notice().contains("{{requester.phone}}"));
        // Unfilled placeholders stop the send.
        QVERIFY(!f.composer.send());
        QVERIFY(f.composer.notice().contains("{{requester.phone}}"));
        f.composer.setText(f.composer.text().remove(" {{requester.phone}}"));
        QVERIFY(f.composer.send());
        const Ticket after = *f.store->ticket(f.ticket.id);
        QCOMPARE(after.status, TicketStatus::Pending);
        QCOMPARE(after.tags, QStringList{"refund"});
        QVERIFY(!f.child<QFrame>("composerMacroActions")->isVisible());
    }

    void makePublicStartsAReplyFromANote()
    {
        Fixture f;
        QTest::mouseClick(f.child<QToolButton>("composerNote"), Qt::LeftButton);
        QVERIFY(f.composer.startPublicUpdate("  환불은 3일 안에 처리됩니다  "));
        QCOMPARE(f.composer.audience(), Visibility::Public);
        QCOMPARE(f.composer.text(), QString("환불은 3일 안에 처리됩니다"));
        QCOMPARE(f.banner(), QString("The customer will see this"));
        // With an unsent note in the composer, it is refused rather than made public with it.
        f.composer.setText(QString());
        QTest::mouseClick(f.child<QToolButton>("composerNote"), Qt::LeftButton);
        f.write("internal only");
        QVERIFY(!f.composer.startPublicUpdate("x"));
        QCOMPARE(f.composer.audience(), Visibility::Internal);
        QCOMPARE(f.composer.text(), QString("internal only"));
    }

    void closedTicketTakesNoMessages()
    {
        Fixture f;
        QVERIFY(f.store->transition(f.ticket.id, TicketStatus::Solved, Actor::agent(f.me.id)).ok());
        QVERIFY(f.store->transition(f.ticket.id, TicketStatus::Closed, Actor::agent(f.me.id)).ok());
        QVERIFY(!f.child<QPushButton>("composerSend")->isEnabled());
        QVERIFY(!f.editor()->isEnabled());
        QVERIFY(f.composer.notice().contains("closed"));
        QVERIFY(!f.composer.send());
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
