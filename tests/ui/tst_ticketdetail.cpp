// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/storefixture.h"

#include "core/base/language.h"
#include "core/storage/attachmentstore.h"
#include "core/storage/drafts.h"
#include "core/storage/macros.h"
#include "ui/attachmentactions.h"
#include "ui/attachmentpreview.h"
#include "ui/composer.h"
#include "ui/conversationcard.h"
#include "ui/conversationmodel.h"
#include "ui/conversationview.h"
#include "ui/customerpanel.h"
#include "ui/customerpanelmodel.h"
#include "ui/ticketdetail.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QTranslator>

using namespace hd;

namespace {
struct Fixture : StoreFixture
{
    Fixture()
        : attachments(dir.filePath("blobs"))
        , drafts(*db, clock)
        , macros(*db, clock)
        , me(agent("Park"))
        , lee(agent("Lee"))
        , kim(customer("김민지"))
        , ticket(StoreFixture::ticket("결제가 안 돼요", "카드 결제가 계속 실패합니다", kim.id))
    { }

    std::unique_ptr<TicketDetail> detail()
    {
        auto d = std::make_unique<TicketDetail>(*store, *directory, attachments, drafts, macros,
                                                clock, me.id);
        d->resize(1000, 760);
        d->show();
        return d;
    }
    /// Customer message, note with a log, public reply, status change: a typical thread.
    void conversation()
    {
        clock.advanceSecs(120);
        auto log = attachments.putBytes("2025-01-06 09:01 ERROR card declined\n", u"pg.log");
        NewMessage note;
        note.authorKind = AuthorKind::Agent;
        note.authorId = me.id;
        note.visibility = Visibility::Internal;
        note.body = "PG사 로그: 카드사 거절. 고객에게는 카드사 문의 안내만 할 것.";
        note.attachments = {AttachmentRef{log->sha256, log->fileName, log->mediaType, log->size}};
        QVERIFY(store->addMessage(ticket.id, note).ok());
        clock.advanceSecs(60);
        reply(ticket.id, me.id, "안녕하세요 김민지님, 카드사에 승인 거절 사유를 확인해 주세요.");
        clock.advanceSecs(60);
        QVERIFY(store->assign(ticket.id, me.id, Actor::agent(me.id)).ok()); // new → assigned
        clock.advanceSecs(60);
        QVERIFY(store->transition(ticket.id, TicketStatus::Pending, Actor::agent(me.id)).ok());
    }

    AttachmentStore attachments;
    Drafts drafts;
    Macros macros;
    Agent me;
    Agent lee;
    Customer kim;
    Ticket ticket;
};

QStringList eventTexts(TicketDetail &d)
{
    QStringList out;
    for (QWidget *w : d.conversationView()->rowWidgets())
        if (auto *l = w->findChild<QLabel *>("eventText"))
            out << l->text();
    return out;
}
} // namespace

class TestTicketDetail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsThreadWithNotesRepliesAndEvents()
    {
        Fixture f;
        f.conversation();
        auto d = f.detail();
        QAbstractItemModelTester tester(d->conversationModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        d->setTicket(f.ticket.id);
        ConversationModel *model = d->conversationModel();
        // created, customer message, note, reply, assigned, new → assigned, assigned → pending
        // (the first-response event is not shown: the reply shows it)
        QCOMPARE(model->rowCount(), 7);
        QCOMPARE(model->index(0).data(ConversationModel::EventTextRole).toString(),
                 QString("Ticket created"));
        QCOMPARE(model->index(1).data(ConversationModel::AuthorRole).toString(), QString("김민지"));
        QVERIFY(model->index(2).data(ConversationModel::InternalNoteRole).toBool());
        QCOMPARE(model->index(2).data(ConversationModel::AttachmentCountRole).toInt(), 1);
        QVERIFY(!model->index(3).data(ConversationModel::InternalNoteRole).toBool());
        QCOMPARE(model->index(4).data(ConversationModel::EventTextRole).toString(),
                 QString("Assigned to Park"));
        QCOMPARE(model->index(5).data(ConversationModel::EventTextRole).toString(),
                 QString("Status: %1 → %2")
                     .arg(displayName(TicketStatus::New), displayName(TicketStatus::Assigned)));
        QCOMPARE(model->index(6).data(ConversationModel::EventTextRole).toString(),
                 QString("Status: %1 → %2")
                     .arg(displayName(TicketStatus::Assigned), displayName(TicketStatus::Pending)));

        const QList<Message> msgs = *f.store->messages(f.ticket.id);
        MessageCard *note = d->conversationView()->cardForMessage(msgs[1].id);
        MessageCard *reply = d->conversationView()->cardForMessage(msgs[2].id);
        MessageCard *customer = d->conversationView()->cardForMessage(msgs[0].id);
        QVERIFY(note && reply && customer);
        // The note is unmistakable: its own look, label and lock icon, and "Make public".
        QCOMPARE(note->property("cardRole").toString(), QString("note"));
        QCOMPARE(note->findChild<QLabel *>("noteBadge")->text(), QString("Internal note"));
        QVERIFY(!note->findChild<QLabel *>("messageIcon")->pixmap().isNull());
        QVERIFY(note->findChild<QPushButton *>("makePublic"));
        QCOMPARE(reply->property("cardRole").toString(), QString("reply"));
        QCOMPARE(reply->findChild<QLabel *>("audienceBadge")->text(), QString("Reply to customer"));
        QVERIFY(!reply->findChild<QPushButton *>("makePublic"));
        QCOMPARE(customer->property("cardRole").toString(), QString("customer"));
        // Rendered colours: amber note, blue reply, white customer message.
        const auto background = [](QWidget *w) {
            return QColor(w->grab().toImage().pixel(w->width() - 4, w->height() / 2));
        };
        QCOMPARE(background(note), QColor("#fff4d6"));
        QCOMPARE(background(reply), QColor("#ebf4ff"));
        QCOMPARE(background(customer), QColor("#ffffff"));
        QVERIFY(eventTexts(*d).contains(
            QString("Status: %1 → %2 · Park · %3")
                .arg(displayName(TicketStatus::Assigned), displayName(TicketStatus::Pending))
                .arg(
                    QLocale().toString(f.clock.now().toLocalTime().time(), QLocale::ShortFormat))));
        QCOMPARE(note->findChildren<QToolButton *>("attachment").size(), 1);
    }

    void newMessagesAreInsertedNotReset()
    {
        Fixture f;
        auto d = f.detail();
        QAbstractItemModelTester tester(d->conversationModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        d->setTicket(f.ticket.id);
        const int before = d->conversationModel()->rowCount();
        QSignalSpy inserted(d->conversationModel(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(d->conversationModel(), &QAbstractItemModel::modelReset);
        f.clock.advanceSecs(10);
        f.customerWrites(f.ticket.id, f.kim.id, "추가 문의");
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(d->conversationModel()->rowCount(), before + 1);
        QCOMPARE(d->conversationView()->rowWidgets().size(), before + 1);
        d->setTicket(f.ticket.id); // selecting the open ticket again rebuilds nothing
        QCOMPARE(reset.size(), 0);
        // A merge moves older messages into the middle of the thread: still no reset.
        const Ticket other = f.StoreFixture::ticket("이전 문의", "지난주 결제도 실패", f.kim.id);
        QVERIFY(f.store->merge(other.id, f.ticket.id, Actor::agent(f.me.id)).ok());
        QCOMPARE(reset.size(), 0);
        QCOMPARE(d->conversationView()->rowWidgets().size(), d->conversationModel()->rowCount());
    }

    void writesNoteAndReplyThroughTheDetail()
    {
        Fixture f;
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        QSignalSpy changed(d.get(), &TicketDetail::ticketChanged);
        auto *editor = d->findChild<QPlainTextEdit *>("composerEditor");
        QTest::mouseClick(d->findChild<QToolButton *>("composerNote"), Qt::LeftButton);
        editor->setFocus();
        editor->insertPlainText("내부 메모");
        QTest::mouseClick(d->findChild<QPushButton *>("composerSend"), Qt::LeftButton);
        QTest::mouseClick(d->findChild<QToolButton *>("composerReply"), Qt::LeftButton);
        editor->insertPlainText("공개 답변");
        QTest::mouseClick(d->findChild<QPushButton *>("composerSend"), Qt::LeftButton);
        QCOMPARE(changed.size(), 2);
        const QList<Message> msgs = *f.store->messages(f.ticket.id);
        QCOMPARE(msgs.size(), 3);
        QCOMPARE(msgs[1].visibility, Visibility::Internal);
        QCOMPARE(msgs[2].visibility, Visibility::Public);
        // Both appear in the thread at once, each with its own look.
        QCOMPARE(d->conversationView()->cardForMessage(msgs[1].id)->property("cardRole").toString(),
                 QString("note"));
        QCOMPARE(d->conversationView()->cardForMessage(msgs[2].id)->property("cardRole").toString(),
                 QString("reply"));
    }

    void headerOffersOnlyAllowedStatusesAndApplies()
    {
        Fixture f;
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        QSignalSpy changed(d.get(), &TicketDetail::ticketChanged);
        auto *status = d->findChild<QComboBox *>("statusCombo");
        QStringList offered;
        for (int i = 0; i < status->count(); ++i)
            offered << status->itemData(i).toString();
        QCOMPARE(offered, (QStringList{"new", "open", "solved"})); // no "assigned" without agent

        status->setCurrentIndex(status->findData("open"));
        Q_EMIT status->activated(status->currentIndex());
        QCOMPARE(f.store->ticket(f.ticket.id)->status, TicketStatus::Open);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(status->currentData().toString(), QString("open"));
        QVERIFY(eventTexts(*d).join("|").contains(
            QString("Status: %1 → %2")
                .arg(displayName(TicketStatus::New), displayName(TicketStatus::Open))));

        auto *assignee = d->findChild<QComboBox *>("assigneeCombo");
        assignee->setCurrentIndex(assignee->findData(f.lee.id));
        Q_EMIT assignee->activated(assignee->currentIndex());
        QCOMPARE(f.store->ticket(f.ticket.id)->assigneeId, f.lee.id);
        QCOMPARE(status->currentData().toString(), QString("assigned"));

        auto *priority = d->findChild<QComboBox *>("priorityCombo");
        priority->setCurrentIndex(priority->findData(int(Priority::Urgent)));
        Q_EMIT priority->activated(priority->currentIndex());
        QCOMPARE(f.store->ticket(f.ticket.id)->priority, Priority::Urgent);

        const Category billing = *f.directory->ensureCategory("결제");
        d->refresh();
        auto *category = d->findChild<QComboBox *>("categoryCombo");
        category->setCurrentIndex(category->findData(billing.id));
        Q_EMIT category->activated(category->currentIndex());
        QCOMPARE(f.store->ticket(f.ticket.id)->categoryId, billing.id);

        auto *tags = d->findChild<QLineEdit *>("tagsEdit");
        tags->setText("VIP, 환불");
        Q_EMIT tags->editingFinished();
        QCOMPARE(f.store->ticket(f.ticket.id)->tags, (QStringList{"vip", "환불"}));
        QCOMPARE(changed.size(), 5);

        QTest::mouseClick(d->findChild<QPushButton *>("assignToMe"), Qt::LeftButton);
        QCOMPARE(f.store->ticket(f.ticket.id)->assigneeId, f.me.id);
    }

    void headerShowsFailures()
    {
        Fixture f;
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        auto *status = d->findChild<QComboBox *>("statusCombo");
        auto *error = d->findChild<QLabel *>("headerError");
        QVERIFY(error->isHidden());
        f.db->failAfter(1); // the next statement fails
        status->setCurrentIndex(status->findData("solved"));
        Q_EMIT status->activated(status->currentIndex());
        f.db->failAfter(0);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().startsWith("The change was not saved"), qPrintable(error->text()));
        QCOMPARE(f.store->ticket(f.ticket.id)->status, TicketStatus::New);
        QCOMPARE(status->currentData().toString(), QString("new")); // back to what is stored
    }

    void slaClocksFollowTheTicket()
    {
        Fixture f; // 24/7 policy, normal priority: first response 1 h, resolution 8 h
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        auto *first = d->findChild<QLabel *>("slaFirstResponse");
        auto *resolution = d->findChild<QLabel *>("slaResolution");
        QVERIFY2(first->text().contains("due") && first->text().contains("1 h left"),
                 qPrintable(first->text()));
        f.clock.advanceSecs(2 * 3600);
        d->refresh();
        QVERIFY2(first->text().contains("overdue by 1 h"), qPrintable(first->text()));
        f.reply(f.ticket.id, f.me.id, "확인했습니다");
        QVERIFY2(first->text().contains("missed"), qPrintable(first->text()));
        QVERIFY(f.store->transition(f.ticket.id, TicketStatus::Open, Actor::agent(f.me.id)).ok());
        QVERIFY(
            f.store->transition(f.ticket.id, TicketStatus::Pending, Actor::agent(f.me.id)).ok());
        QVERIFY2(resolution->text().contains("paused"), qPrintable(resolution->text()));
        QVERIFY2(resolution->text().contains("6 h left"), qPrintable(resolution->text()));
    }

    void customerPanelListsOtherTicketsAndOpensThem()
    {
        Fixture f;
        const Ticket older = f.StoreFixture::ticket("배송 문의", "언제 오나요", f.kim.id);
        const Ticket stranger
            = f.StoreFixture::ticket("Other person", "hi", f.customer("Lee Client").id);
        Q_UNUSED(stranger)
        auto d = f.detail();
        QAbstractItemModelTester tester(d->customerPanel()->ticketsModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        d->setTicket(f.ticket.id);
        QCOMPARE(d->findChild<QLabel *>("customerName")->text(), QString("김민지"));
        QVERIFY(d->findChild<QLabel *>("customerDetails")->text().contains("@customer.test"));
        auto *list = d->findChild<QAbstractItemView *>("customerTickets");
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->model()->index(0, 0).data(CustomerTicketsModel::TicketIdRole).toLongLong(),
                 older.id);
        QVERIFY(list->model()->index(0, 0).data().toString().contains("배송 문의"));

        QSignalSpy open(d.get(), &TicketDetail::openTicketRequested);
        const QRect r = list->visualRect(list->model()->index(0, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.at(0).at(0).toLongLong(), older.id);

        // Its status changes show in place.
        QVERIFY(f.store->transition(older.id, TicketStatus::Solved, Actor::agent(f.me.id)).ok());
        QVERIFY(list->model()->index(0, 0).data().toString().contains("Solved"));
    }

    void makePublicFromSelectedPartOfANote()
    {
        Fixture f;
        f.conversation();
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        const Message note = f.store->messages(f.ticket.id)->at(1);
        MessageCard *card = d->conversationView()->cardForMessage(note.id);
        auto *body = card->findChild<QLabel *>("messageBody");
        const QString part = "카드사 거절";
        body->setSelection(int(note.body.indexOf(part)), int(part.size()));
        QTest::mouseClick(card->findChild<QPushButton *>("makePublic"), Qt::LeftButton);
        Composer *c = d->composer();
        QCOMPARE(c->audience(), Visibility::Public);
        QCOMPARE(c->text(), part);
        // Without a selection the whole note is offered.
        c->setText(QString());
        body->setSelection(0, 0);
        QTest::mouseClick(card->findChild<QPushButton *>("makePublic"), Qt::LeftButton);
        QCOMPARE(c->text(), note.body);
    }

    void attachmentPreviewShowsTextAndSaves()
    {
        Fixture f;
        f.conversation();
        const Message note = f.store->messages(f.ticket.id)->at(1);
        AttachmentPreview preview(f.attachments, note.attachments[0]);
        QVERIFY(preview.previewText().contains("card declined"));
        const QString target = f.dir.filePath("saved/pg:log?.log");
        QDir().mkpath(f.dir.filePath("saved"));
        AttachmentActions::setNextSavePath(target);
        QTest::mouseClick(preview.findChild<QPushButton *>("previewSaveAs"), Qt::LeftButton);
        QFile saved(f.dir.filePath("saved/pglog.log")); // the chosen name, sanitized
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("card declined"));
        QUrl opened;
        AttachmentActions::setOpenUrlHandler([&](const QUrl &u) {
            opened = u;
            return true;
        });
        QTest::mouseClick(preview.findChild<QPushButton *>("previewOpen"), Qt::LeftButton);
        AttachmentActions::setOpenUrlHandler({});
        QVERIFY(opened.isLocalFile());
        QFile copy(opened.toLocalFile());
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QVERIFY(copy.readAll().contains("card declined"));
        QVERIFY(preview.findChild<QLabel *>("previewError")->isHidden());

        // Large logs show their first 64 KiB.
        QByteArray big;
        while (big.size() < 200 * 1024)
            big += "2025-01-06 로그 한 줄입니다\n";
        auto blob = f.attachments.putBytes(big, u"big.log");
        AttachmentPreview large(f.attachments,
                                {blob->sha256, blob->fileName, blob->mediaType, blob->size});
        QVERIFY(large.previewText().size() < big.size() / 2);
        QVERIFY(!large.previewText().contains(QChar::ReplacementCharacter));
        QVERIFY(large.findChild<QLabel *>("previewInfo")->text().contains("first"));
    }

    void imagePreviewAndThumbnail()
    {
        Fixture f;
        QImage img(300, 200, QImage::Format_RGB32);
        img.fill(Qt::red);
        QByteArray png;
        QBuffer buf(&png);
        buf.open(QIODevice::WriteOnly);
        img.save(&buf, "PNG");
        auto blob = f.attachments.putBytes(png, u"capture.png");
        const AttachmentRef ref{blob->sha256, blob->fileName, blob->mediaType, blob->size};
        QVERIFY(AttachmentActions::isImage(ref));
        QCOMPARE(AttachmentActions::thumbnail(f.attachments, ref, 96).size(), QSize(96, 64));
        AttachmentPreview preview(f.attachments, ref);
        QVERIFY(preview.showsImage());
        // Programs are never opened.
        AttachmentRef exe{blob->sha256, "setup.exe", "application/x-msdownload", 10};
        QCOMPARE(AttachmentActions::openWithSystem(f.attachments, exe).errorCode(),
                 ErrorCode::Conflict);
    }

    void emptyAndMissingTickets()
    {
        Fixture f;
        auto d = f.detail();
        d->setTicket(0);
        auto *placeholder = d->findChild<QLabel *>("ticketDetailPlaceholder");
        QVERIFY(placeholder->isVisible());
        d->setTicket(9999);
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().contains("could not be opened"));
        QCOMPARE(d->ticketId(), 0);
    }

    void switchesLanguageLive()
    {
        Fixture f;
        f.conversation();
        Language language;
        QVERIFY(language.apply("en"));
        auto d = f.detail();
        d->setTicket(f.ticket.id);
        const QString pendingEn = displayName(TicketStatus::Pending);
        QVERIFY(eventTexts(*d).join("|").contains(pendingEn));
        QVERIFY(language.apply("ko"));
        const QString pendingKo = displayName(TicketStatus::Pending);
        QVERIFY(pendingKo != pendingEn);
        // The open detail follows: history texts, status editor and SLA clocks.
        QTRY_VERIFY(eventTexts(*d).join("|").contains(pendingKo));
        QCOMPARE(d->findChild<QComboBox *>("statusCombo")->currentText(), pendingKo);
        QVERIFY(language.apply("en"));
        QTRY_VERIFY(eventTexts(*d).join("|").contains(pendingEn));
        QCOMPARE(d->findChild<QComboBox *>("statusCombo")->currentText(), pendingEn);
    }

    void rendersInKoreanAndEnglish()
    {
        Fixture f;
        f.conversation();
        f.reply(f.ticket.id, f.lee.id,
                "Escalated to the payments team; they will check the acquirer logs tomorrow "
                "morning and update this ticket.",
                Visibility::Internal);
        f.StoreFixture::ticket("지난달 환불 요청 건: 두 번 결제된 금액 중 한 건의 환불이 아직 "
                               "들어오지 않았습니다",
                               "환불 문의", f.kim.id);
        const QString out = qEnvironmentVariable("HELPDESK_SCREENSHOT_DIR", f.dir.path());
        for (const QString &lang : {QString("ko"), QString("en")}) {
            Language language;
            QVERIFY(language.apply(lang));
            // Until the catalogues are merged, a catalogue of this work's strings may be given.
            QTranslator extra;
            if (lang == "ko" && qEnvironmentVariableIsSet("HELPDESK_TEST_EXTRA_QM")) {
                QVERIFY(extra.load(qEnvironmentVariable("HELPDESK_TEST_EXTRA_QM")));
                QCoreApplication::installTranslator(&extra);
            }
            auto d = f.detail();
            d->resize(1100, 820);
            d->setTicket(f.ticket.id);
            d->composer()->setAudience(Visibility::Internal);
            d->composer()->setText("결제 대행사에 거절 코드 51 확인 요청함. Waiting for the "
                                   "acquirer's answer before we reply.");
            QApplication::processEvents();
            const QPixmap shot = d->grab();
            QCOMPARE(shot.size(), QSize(1100, 820));
            QVERIFY(shot.save(QDir(out).filePath(QString("detail-%1.png").arg(lang))));
            // Status names come from the catalogue in both languages.
            auto *status = d->findChild<QComboBox *>("statusCombo");
            QCOMPARE(status->currentText(), displayName(TicketStatus::Pending));
            if (lang == "ko")
                QVERIFY(status->currentText() != QString("Pending"));
        }
        Language english;
        QVERIFY(english.apply("en"));
    }
};

QTEST_MAIN(TestTicketDetail)
#include "tst_ticketdetail.moc"
