// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A fake network seam in the spirit of nextcloud's FakeQNAM: a QNetworkAccessManager that, per
// request, sends it normally, refuses it before it reaches the server, lets the server answer
// but drops the answer (the client sees the connection reset), or sends it twice (the copy a
// little later, so it also arrives out of order).
#include <QBuffer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <functional>

/// A reply whose answer was lost: finishes with RemoteHostClosedError when the real one does.
class DroppedReply : public QNetworkReply
{
public:
    explicit DroppedReply(QNetworkReply *real)
        : m_real(real)
    {
        setRequest(real->request());
        setOperation(real->operation());
        setUrl(real->url());
        real->setParent(this);
        open(QIODevice::ReadOnly);
        connect(real, &QNetworkReply::finished, this, [this] {
            setError(QNetworkReply::RemoteHostClosedError, QStringLiteral("answer dropped (test)"));
            setFinished(true);
            Q_EMIT errorOccurred(QNetworkReply::RemoteHostClosedError);
            Q_EMIT finished();
        });
    }
    void abort() override
    {
        if (QNetworkReply *real = m_real.data())
            real->abort();
    }

protected:
    qint64 readData(char *, qint64) override { return -1; }

private:
    QPointer<QNetworkReply> m_real;
};

class FaultyNetwork : public QNetworkAccessManager
{
public:
    enum class Fault { None, Refuse, DropAnswer, Duplicate };
    std::function<Fault()> decide = [] {
        return Fault::None;
    };
    int refused = 0;
    int dropped = 0;
    int duplicated = 0;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *data) override
    {
        const QByteArray body = data ? data->readAll() : QByteArray();
        const Fault fault = decide();
        QNetworkRequest req = request;
        if (fault == Fault::Refuse) {
            ++refused;
            QUrl nowhere = req.url();
            nowhere.setPort(1); // nothing listens there
            req.setUrl(nowhere);
        }
        QNetworkReply *reply = forward(op, req, body);
        if (fault == Fault::DropAnswer) {
            ++dropped;
            return new DroppedReply(reply);
        }
        if (fault == Fault::Duplicate) {
            ++duplicated;
            QTimer::singleShot(5, this, [this, op, req, body] {
                QNetworkReply *copy = forward(op, req, body);
                connect(copy, &QNetworkReply::finished, copy, &QObject::deleteLater);
            });
        }
        return reply;
    }

private:
    QNetworkReply *forward(Operation op, const QNetworkRequest &req, const QByteArray &body)
    {
        auto *buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
        QNetworkReply *reply = QNetworkAccessManager::createRequest(op, req, buffer);
        buffer->setParent(reply);
        return reply;
    }
};
