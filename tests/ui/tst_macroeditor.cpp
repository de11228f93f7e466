// SPDX-License-Identifier: GPL-3.0-or-later
// Canned responses edited in the GUI: create, edit, personal versus shared, delete, bad input.
#include "support/storefixture.h"

#include "core/storage/macros.h"
#include "ui/macroeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>

using namespace hd;

class TstMacroEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createEditAndDelete();
    void emptyTitleIsRefusedAndTextKept();
};

template<typename T>
T *child(QWidget &w, const char *name)
{
    auto *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("no child %s", name);
    return c;
}

void TstMacroEditor::createEditAndDelete()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    const Agent other = f.agent(QStringLiteral("Jisoo"));
    Macros macros(*f.db, f.clock);
    MacroEditor editor(macros, me.id);
    QCOMPARE(editor.macroCount(), 0);
    child<QLineEdit>(editor, "macroTitle")->setText(QStringLiteral("환불 안내"));
    child<QPlainTextEdit>(editor, "macroBody")
        ->setPlainText(QStringLiteral("{{requester.name|고객}}님, 환불이 접수되었습니다."));
    auto *status = child<QComboBox>(editor, "macroStatus");
    status->setCurrentIndex(status->findData(int(TicketStatus::Pending)));
    child<QLineEdit>(editor, "macroTags")->setText(QStringLiteral("환불, 안내"));
    QVERIFY(editor.save());
    QCOMPARE(editor.macroCount(), 1);
    auto all = *macros.list(me.id);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all[0].ownerAgentId, 0); // shared by default
    QCOMPARE(all[0].actions.status, std::optional(TicketStatus::Pending));
    QCOMPARE(all[0].actions.addTags, (QStringList{QStringLiteral("환불"), QStringLiteral("안내")}));

    // Edit the same macro into a personal internal note.
    child<QCheckBox>(editor, "macroShared")->setChecked(false);
    auto *audience = child<QComboBox>(editor, "macroAudience");
    audience->setCurrentIndex(audience->findData(int(Visibility::Internal)));
    QVERIFY(editor.save());
    all = *macros.list(me.id);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all[0].ownerAgentId, me.id);
    QCOMPARE(all[0].visibility, Visibility::Internal);
    QCOMPARE(macros.list(other.id)->size(), 0); // not shared any more

    // A second one, then delete the first.
    editor.startNew();
    child<QLineEdit>(editor, "macroTitle")->setText(QStringLiteral("Shipping delay"));
    child<QPlainTextEdit>(editor, "macroBody")
        ->setPlainText(QStringLiteral("Hi {{requester.name}}"));
    QVERIFY(editor.save());
    QCOMPARE(editor.macroCount(), 2);
    auto *list = child<QListWidget>(editor, "macroList");
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text().contains(QStringLiteral("환불")))
            list->setCurrentRow(i);
    QVERIFY(editor.removeSelected());
    all = *macros.list(me.id);
    QCOMPARE(all.size(), 1);
    QCOMPARE(all[0].title, QStringLiteral("Shipping delay"));
}

void TstMacroEditor::emptyTitleIsRefusedAndTextKept()
{
    StoreFixture f;
    const Agent me = f.agent(QStringLiteral("Minji"));
    Macros macros(*f.db, f.clock);
    MacroEditor editor(macros, me.id);
    editor.show();
    child<QPlainTextEdit>(editor, "macroBody")->setPlainText(QStringLiteral("long text"));
    QVERIFY(!editor.save());
    QVERIFY(child<QLabel>(editor, "macroError")->isVisible());
    QCOMPARE(child<QPlainTextEdit>(editor, "macroBody")->toPlainText(),
             QStringLiteral("long text"));
    QCOMPARE(macros.list(me.id)->size(), 0);
}

QTEST_MAIN(TstMacroEditor)
#include "tst_macroeditor.moc"
