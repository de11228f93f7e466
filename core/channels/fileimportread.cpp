// SPDX-License-Identifier: GPL-3.0-or-later
// Reading chat exports for fileimport.cpp: detection of the kind, parsing, CSV header guesses.
#include "core/channels/fileimportread.h"

#include "core/channels/csvreader.h"
#include "core/channels/kakaoparser.h"
#include "core/channels/textdecode.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace hd::chat {

namespace {

constexpr qint64 kMaxBytes = qint64(1) << 30;
constexpr qint64 kMaxJsonBytes = qint64(512) << 20; // as ChannelTalkParser::parseFile

Result<QByteArray> readFile(const QString &path)
{
    if (!QFileInfo(path).isFile())
        return Error{ErrorCode::NotFound,
                     FileImporter::tr("'%1' is not a readable file.").arg(path)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::NotFound,
                     FileImporter::tr("Cannot open %1: %2").arg(path, file.errorString())};
    if (file.size() > kMaxBytes)
        return Error{ErrorCode::TooLarge,
                     FileImporter::tr("%1 is larger than 1 GB and cannot be imported.").arg(path)};
    return file.readAll();
}

qsizetype afterBom(const QByteArray &data)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        return 3;
    if (data.startsWith("\xFF\xFE") || data.startsWith("\xFE\xFF"))
        return 2;
    return 0;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/// Nothing but byte order marks and white space (UTF-8 or UTF-16).
bool isBlank(const QByteArray &data)
{
    for (qsizetype i = afterBom(data); i < data.size(); ++i)
        if (!isSpace(data[i]))
            return false;
    return true;
}

/// The first character after byte order marks and white space (UTF-8 or UTF-16) opens a JSON
/// object or array.
bool looksLikeJson(const QByteArray &data)
{
    for (qsizetype i = afterBom(data); i < data.size(); ++i)
        if (!isSpace(data[i]))
            return data[i] == '{' || data[i] == '[';
    return false;
}

QStringList csvHeader(const QByteArray &data)
{
    const QString text = decodeText(data);
    const qsizetype end = text.indexOf(QLatin1Char('\n'));
    const csv::Table t = csv::parse(end >= 0 ? QStringView(text).left(end) : QStringView(text));
    return t.rows.isEmpty() ? QStringList() : t.rows.first().fields;
}

/// The header names columns we recognise and is not KakaoTalk's "Date,User,Message".
bool isGenericCsv(const QByteArray &data)
{
    const QStringList header = csvHeader(data);
    QStringList names;
    for (const QString &h : header)
        names << h.trimmed().toLower();
    const QString joined = names.join(QLatin1Char(','));
    if (joined == QLatin1String("date,user,message")
        || joined == QStringLiteral("날짜,사용자,메시지"))
        return false;
    return FileImporter::guessCsvMapping(header).has_value();
}

} // namespace

namespace fileimport {

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

Result<Loaded> load(const QString &path, ImportKind kind, std::optional<CsvMapping> mapping,
                    const QTimeZone &zone, const ImportProgress &progress,
                    const std::atomic_bool *cancel)
{
    auto data = readFile(path);
    if (!data)
        return data.error();
    Loaded out;
    if (kind == ImportKind::Auto && isBlank(*data))
        return Error{ErrorCode::InvalidArgument,
                     FileImporter::tr("%1 is empty: it holds no text.").arg(path)};
    if (kind == ImportKind::Auto && looksLikeJson(*data))
        kind = ImportKind::ChannelTalk;

    QString notKakao;
    if (kind == ImportKind::Auto || kind == ImportKind::Kakao) {
        KakaoOptions ko;
        ko.timeZone = zone;
        auto parsed = KakaoParser::parse(*data, ko, [&](qint64 done, qint64 total) {
            if (progress)
                progress(ImportPhase::Reading, done, total);
            return !isCancelled(cancel);
        });
        // A generic CSV export with a date in its first column also reads as KakaoTalk's Mac
        // layout; unless its header is KakaoTalk's own, its column names decide.
        const bool genericCsv = parsed && kind == ImportKind::Auto
            && parsed->format == QLatin1String("kakao-mac-csv") && isGenericCsv(*data);
        if (parsed && !genericCsv) {
            out.kind = ImportKind::Kakao;
            out.format = parsed->format;
            out.kakao = std::move(parsed).value();
            return out;
        }
        if (!genericCsv) {
            if (kind == ImportKind::Kakao || parsed.errorCode() != ErrorCode::InvalidArgument)
                return parsed.error();
            notKakao = parsed.errorMessage();
        }
    }

    if (kind == ImportKind::ChannelTalk) {
        if (data->size() > kMaxJsonBytes)
            return Error{ErrorCode::TooLarge,
                         FileImporter::tr("%1 is larger than %2 MB.")
                             .arg(path)
                             .arg(kMaxJsonBytes / (1024 * 1024))};
        auto parsed = ChannelTalkParser::parse(*data);
        if (!parsed)
            return Error{parsed.errorCode(), path + QLatin1String(": ") + parsed.errorMessage()};
        out.kind = ImportKind::ChannelTalk;
        out.format = QStringLiteral("channeltalk-v5");
        out.channelTalk = std::move(parsed).value();
        return out;
    }

    if (!mapping) {
        mapping = FileImporter::guessCsvMapping(csvHeader(*data));
        if (!mapping && kind == ImportKind::Auto)
            return Error{ErrorCode::InvalidArgument,
                         FileImporter::tr("Cannot tell what kind of export %1 is: it is not JSON "
                                          "(ChannelTalk), not a KakaoTalk export (%2), and its "
                                          "first line names no time and message columns of a "
                                          "CSV file.")
                             .arg(path, notKakao)};
        if (!mapping)
            return Error{ErrorCode::InvalidArgument,
                         FileImporter::tr("Cannot tell which columns of %1 hold the time and the "
                                          "message; give a mapping such as "
                                          "time=Date,sender=User,text=Message.")
                             .arg(path)};
    }
    mapping->timeZone = zone;
    auto conversations = CsvChatReader::read(*data, *mapping);
    if (!conversations)
        return conversations.error();
    out.kind = ImportKind::Csv;
    out.format = QStringLiteral("csv");
    out.csv = std::move(conversations).value();
    out.mapping = *mapping;
    return out;
}

} // namespace fileimport

QString kindName(ImportKind kind)
{
    switch (kind) {
    case ImportKind::Kakao:
        return QStringLiteral("kakao");
    case ImportKind::ChannelTalk:
        return QStringLiteral("channeltalk");
    case ImportKind::Csv:
        return QStringLiteral("csv");
    case ImportKind::Auto:
        break;
    }
    return QStringLiteral("auto");
}

std::optional<ImportKind> parseImportKind(QStringView name)
{
    for (ImportKind k :
         {ImportKind::Auto, ImportKind::Kakao, ImportKind::ChannelTalk, ImportKind::Csv})
        if (name.compare(kindName(k), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

std::optional<CsvMapping> FileImporter::guessCsvMapping(const QStringList &header)
{
    struct Field
    {
        QString CsvMapping::*member;
        QStringList names;
    };
    const QList<Field> fields = {
        {&CsvMapping::time,
         {QStringLiteral("date"), QStringLiteral("time"), QStringLiteral("datetime"),
          QStringLiteral("timestamp"), QStringLiteral("created_at"), QStringLiteral("sent_at"),
          QStringLiteral("시간"), QStringLiteral("날짜"), QStringLiteral("일시"),
          QStringLiteral("보낸 시간")}},
        {&CsvMapping::text,
         {QStringLiteral("message"), QStringLiteral("text"), QStringLiteral("body"),
          QStringLiteral("content"), QStringLiteral("메시지"), QStringLiteral("내용"),
          QStringLiteral("본문")}},
        {&CsvMapping::sender,
         {QStringLiteral("user"), QStringLiteral("sender"), QStringLiteral("author"),
          QStringLiteral("from"), QStringLiteral("name"), QStringLiteral("보낸 사람"),
          QStringLiteral("보낸사람"), QStringLiteral("작성자"), QStringLiteral("사용자"),
          QStringLiteral("이름")}},
        {&CsvMapping::conversation,
         {QStringLiteral("room"), QStringLiteral("conversation"), QStringLiteral("chat"),
          QStringLiteral("thread"), QStringLiteral("대화방"), QStringLiteral("채팅방"),
          QStringLiteral("대화")}},
        {&CsvMapping::role, {QStringLiteral("role"), QStringLiteral("역할")}},
    };
    CsvMapping m;
    for (const Field &f : fields) {
        // The first name in the list's order wins, so "Date" beats a later "Time" column.
        for (const QString &name : f.names) {
            const auto it = std::find_if(header.cbegin(), header.cend(), [&](const QString &h) {
                return h.trimmed().compare(name, Qt::CaseInsensitive) == 0;
            });
            if (it != header.cend()) {
                m.*f.member = it->trimmed();
                break;
            }
        }
    }
    if (m.time.isEmpty() || m.text.isEmpty())
        return std::nullopt;
    return m;
}

} // namespace hd::chat
