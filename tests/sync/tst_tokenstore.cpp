// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in token's file fallback: a token goes in and comes back out, the file holds no
// plain text and is readable by its owner only, another key does not open it, and remove()
// forgets it.
#include "sync/tokenstore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hd::sync;

class TestTokenStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsThroughTheSealedFile()
    {
        QTemporaryDir dir;
        TokenStore store(dir.path());
        store.setKeychainEnabled(false);
        const QString account = "http://127.0.0.1:8080 0190a1b2-agent";
        const QString token = "tok_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo";
        QSignalSpy saved(&store, &TokenStore::saved);
        store.save(account, token);
        QCOMPARE(saved.size(), 1); // without a keyring the file answers at once
        QCOMPARE(saved.first().at(0).toBool(), true);
        QCOMPARE(saved.first().at(1).toString(), QString("file"));

        QFile f(store.fileFor(account));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray sealed = f.readAll();
        QVERIFY(!sealed.contains(token.toUtf8()));
        QVERIFY(!sealed.contains(token.left(12).toUtf8()));
        // nonce (24) + MAC (16) + the token's bytes
        QCOMPARE(sealed.size(), 24 + 16 + token.toUtf8().size());
        for (const QString &path : {store.fileFor(account), store.keyFile()}) {
            const QFile::Permissions p = QFile::permissions(path);
            QVERIFY(p.testFlags(QFile::ReadOwner | QFile::WriteOwner));
            QCOMPARE(int(p & 0x0077), 0); // nothing for group and others
        }
        QCOMPARE(*store.readFromFile(account), token);

        // load() answers through its signal, from the file.
        QSignalSpy loaded(&store, &TokenStore::loaded);
        store.load(account);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).toString(), token);
        QCOMPARE(loaded.first().at(1).toString(), QString("file"));

        // Another account has nothing; a second store on the same folder reads the first's.
        QCOMPARE(*store.readFromFile("http://other 1"), QString());
        TokenStore again(dir.path());
        QCOMPARE(*again.readFromFile(account), token);

        // With another key the box does not open (and says so instead of returning garbage).
        QVERIFY(QFile::remove(store.keyFile()));
        QVERIFY(!store.readFromFile(account));

        store.remove(account);
        QVERIFY(!QFile::exists(store.fileFor(account)));
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
