// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/demo/seedtext.h"

#include <QStringList>

namespace hd::seedtext {

namespace {

struct Topic
{
    const char *category;
    const char *koSubject[4];
    const char *koBody[4];
    const char *enSubject[4];
    const char *enBody[4];
};

// clang-format off
const Topic kTopics[] = {
    {"결제 / Payment",
     {"결제가 안돼요", "카드 결제 오류", "결제 실패 문의", "결제가 두 번 됐어요"},
     {"카드로 결제하려는데 결제가 계속 실패합니다. 오류 코드는 %1입니다.",
      "어제 주문한 상품 결제가 두 번 승인되었어요. 하나는 취소해 주세요.",
      "간편결제로 결제가 안 되고 로딩만 계속 돼요.",
      "법인카드 결제가 거절되었다고 나옵니다. 한도 문제는 아닙니다."},
     {"Payment failed", "Card declined at checkout", "Charged twice", "Cannot complete payment"},
     {"My card payment keeps failing at checkout with error %1.",
      "I was charged twice for order %1, please refund one of them.",
      "Payment page just spins and never completes.",
      "Company card gets declined although the limit is fine."}},
    {"환불 / Refund",
     {"환불 요청", "환불은 언제 되나요", "환불 금액이 달라요", "부분 환불 문의"},
     {"주문번호 %1 환불 요청드립니다. 상품이 마음에 들지 않아요.",
      "환불은 언제 되나요? 일주일째 기다리고 있습니다.",
      "환불 금액이 결제 금액과 달라요. 확인 부탁드립니다.",
      "세트 중 하나만 반품하면 부분 환불이 가능한가요?"},
     {"Refund request", "When will I get my refund", "Refund amount is wrong", "Partial refund"},
     {"Please refund order %1, the item is not what I expected.",
      "When will my refund arrive? It has been a week.",
      "The refunded amount is lower than what I paid.",
      "Can I get a partial refund if I return one item of the set?"}},
    {"배송 / Delivery",
     {"배송이 늦어요", "배송 조회가 안 돼요", "택배가 분실됐어요", "배송지 변경"},
     {"주문번호 %1 배송이 3일째 멈춰 있어요.", "배송 조회를 하면 정보가 없다고 나옵니다.",
      "배송 완료라고 나오는데 택배를 받지 못했어요.", "배송지를 회사 주소로 변경하고 싶어요."},
     {"Delivery is late", "Tracking not working", "Parcel lost", "Change delivery address"},
     {"Order %1 has not moved for three days.", "The tracking page says no information found.",
      "It says delivered but I never received the parcel.",
      "I need to change the delivery address to my office."}},
    {"교환 / Exchange",
     {"사이즈 교환 요청", "교환 신청 방법", "불량품 교환", "색상 교환 가능한가요"},
     {"사이즈가 작아서 한 치수 큰 걸로 교환하고 싶어요.", "교환 신청은 어디서 하나요?",
      "받은 상품에 흠집이 있어 교환을 원합니다. 사진 첨부합니다.",
      "검정색으로 교환이 가능한지 궁금합니다."},
     {"Exchange for another size", "How to request an exchange", "Defective item exchange",
      "Can I exchange the colour"},
     {"The size is too small, I would like to exchange it for a larger one.",
      "Where can I request an exchange?", "The item arrived scratched, I want an exchange.",
      "Is it possible to exchange it for the black one?"}},
    {"로그인 / Login",
     {"로그인이 안 돼요", "비밀번호 재설정 메일이 안 와요", "계정이 잠겼어요", "카카오 로그인 오류"},
     {"로그인이 안 돼요. 비밀번호가 틀렸다고 나옵니다.",
      "비밀번호 재설정 메일이 오지 않습니다. 스팸함도 확인했어요.",
      "로그인을 여러 번 실패해서 계정이 잠겼어요.", "카카오 로그인 버튼을 누르면 빈 화면이 나와요."},
     {"Login failed", "Password reset email not arriving", "Account locked",
      "Cannot sign in with Google"},
     {"Login failed: it says my password is wrong but it is not.",
      "The password reset email never arrives, I checked spam too.",
      "My account got locked after a few failed logins.",
      "Signing in with Google shows a blank page."}},
    {"계정 / Account",
     {"회원 탈퇴 문의", "이메일 주소 변경", "개인정보 수정", "휴대폰 번호 변경"},
     {"회원 탈퇴는 어떻게 하나요?", "가입한 이메일 주소를 변경하고 싶습니다.",
      "주소와 연락처를 수정하고 싶어요.", "휴대폰 번호가 바뀌어서 인증을 못 받아요."},
     {"Delete my account", "Change email address", "Update personal details",
      "Changed phone number"},
     {"How do I delete my account?", "I want to change the email address of my account.",
      "I need to update my address and phone.",
      "My phone number changed and I cannot receive the code."}},
    {"앱 오류 / App bug",
     {"앱이 자꾸 꺼져요", "업데이트 후 오류", "화면이 멈춰요", "알림이 안 와요"},
     {"앱을 실행하면 바로 꺼져요. 버전은 %1입니다.", "업데이트 후 장바구니가 비어 있어요.",
      "상품 상세 화면에서 멈춥니다.", "주문 알림이 오지 않아요."},
     {"App keeps crashing", "Error after update", "Screen freezes", "No notifications"},
     {"The app crashes on start, version %1.", "After the update my cart is empty.",
      "The product page freezes.", "I do not get order notifications any more."}},
    {"쿠폰 / Coupon",
     {"쿠폰 적용이 안 돼요", "쿠폰이 사라졌어요", "적립금 문의", "이벤트 쿠폰 미지급"},
     {"할인 쿠폰을 적용하면 오류가 납니다.", "받은 쿠폰이 쿠폰함에서 사라졌어요.",
      "적립금이 적립되지 않았습니다.", "이벤트 참여했는데 쿠폰을 못 받았어요."},
     {"Coupon not applied", "Coupon disappeared", "Points missing", "Promo code not received"},
     {"The discount coupon gives an error at checkout.", "My coupon vanished from my account.",
      "Points for my last order were not added.",
      "I joined the promotion but never got the code."}},
};

const char *kKoAgentReplies[] = {
    "안녕하세요, 고객님. 불편을 드려 죄송합니다. 확인 후 바로 안내드리겠습니다.",
    "말씀하신 내용 확인했습니다. 담당 부서에 전달했으며 1~2일 내 처리될 예정입니다.",
    "번거로우시겠지만 주문번호와 연락처를 남겨 주시면 빠르게 확인해 드리겠습니다.",
    "처리 완료되었습니다. 추가로 궁금하신 점이 있으면 언제든 문의해 주세요.",
    "환불 처리가 완료되었습니다. 카드사에 따라 3~5영업일 소요됩니다.",
    "교환 접수되었습니다. 택배 기사님이 방문하여 회수할 예정입니다.",
};
const char *kEnAgentReplies[] = {
    "Hi, thanks for reaching out. I am sorry for the trouble, let me look into it.",
    "I have passed this to the team in charge; it should be sorted within 1-2 days.",
    "Could you send me your order number so I can check it quickly?",
    "This is done now. Let us know if there is anything else we can help with.",
    "Your refund has been processed; it takes 3-5 business days to show up.",
    "The exchange is booked; the courier will pick up the item.",
};
const char *kKoCustomerReplies[] = {"네 감사합니다.", "아직 해결이 안 됐어요.",
                                    "주문번호는 %1입니다.", "빠른 처리 부탁드려요!",
                                    "확인했습니다. 좋은 하루 되세요."};
const char *kEnCustomerReplies[] = {"Thanks!", "It is still not working.",
                                    "My order number is %1.", "Please hurry, I need it.",
                                    "Got it, have a nice day."};
const char *kKoNotes[] = {"VIP 고객. 우선 처리 바람.", "결제팀 확인 필요 (PG사 로그 조회).",
                          "동일 문의 반복 접수 고객입니다.", "물류센터에 분실 신고함."};
const char *kEnNotes[] = {"VIP customer, handle first.", "Needs payments team: check PSP logs.",
                          "Repeat contact about the same issue.", "Filed a lost-parcel claim."};

const char *kKoFamily[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"};
const char *kKoGiven[] = {"민준", "서연", "도윤", "하은", "시우", "지우", "예준", "수아", "주원", "지민",
                          "하준", "서윤", "지호", "채원", "현우", "유진"};
const char *kEnGiven[] = {"James", "Emma", "Oliver", "Ava", "Liam", "Mia", "Noah", "Sophia",
                          "Lucas", "Grace", "Ethan", "Chloe"};
const char *kEnFamily[] = {"Smith", "Brown", "Taylor", "Wilson", "Martin", "Clark", "Walker", "Hall",
                           "Young", "King", "Wright", "Scott"};
// clang-format on

template<typename T, std::size_t N>
const T &pick(QRandomGenerator &rng, const T (&a)[N])
{
    return a[rng.bounded(int(N))];
}

QString fill(const char *text, QRandomGenerator &rng)
{
    QString s = QString::fromUtf8(text);
    if (s.contains(QLatin1String("%1")))
        s = s.arg(QString::number(rng.bounded(100000, 999999)));
    return s;
}

} // namespace

QStringList categories(const QString &language)
{
    QStringList out;
    for (const Topic &t : kTopics) {
        const QString both = QString::fromUtf8(t.category); // "결제 / Payment"
        out << both.section(QStringLiteral(" / "), language == QLatin1String("en") ? 1 : 0,
                            language == QLatin1String("en") ? 1 : 0);
    }
    return out;
}

QString customerName(QRandomGenerator &rng, bool korean)
{
    if (korean)
        return QString::fromUtf8(pick(rng, kKoFamily)) + QString::fromUtf8(pick(rng, kKoGiven));
    return QString::fromUtf8(pick(rng, kEnGiven)) + QLatin1Char(' ')
        + QString::fromUtf8(pick(rng, kEnFamily));
}

QString agentName(int index, bool korean)
{
    const int n = int(std::size(kKoGiven));
    if (korean)
        return QString::fromUtf8(kKoFamily[index % 15])
            + QString::fromUtf8(kKoGiven[(index / 15) % n]);
    return QString::fromUtf8(kEnGiven[index % 12]) + QLatin1Char(' ')
        + QString::fromUtf8(kEnFamily[(index / 12) % 12]);
}

Conversation make(QRandomGenerator &rng, bool korean, bool outbound)
{
    const int topic = rng.bounded(int(std::size(kTopics)));
    const Topic &t = kTopics[topic];
    const int i = rng.bounded(4);
    Conversation c;
    c.language = korean ? QStringLiteral("ko") : QStringLiteral("en");
    c.topic = topic;
    c.subject = fill(korean ? t.koSubject[i] : t.enSubject[i], rng);
    c.firstMessage = outbound ? fill(korean ? kKoAgentReplies[2] : kEnAgentReplies[2], rng)
                              : fill(korean ? t.koBody[i] : t.enBody[i], rng);
    const int replies = 1 + rng.bounded(4); // about 5 messages a ticket with the customer's
    for (int r = 0; r < replies; ++r) {
        c.agentReplies << fill(korean ? pick(rng, kKoAgentReplies) : pick(rng, kEnAgentReplies),
                               rng);
        c.customerReplies << fill(
            korean ? pick(rng, kKoCustomerReplies) : pick(rng, kEnCustomerReplies), rng);
    }
    if (rng.bounded(10) == 0)
        c.internalNote = QString::fromUtf8(korean ? pick(rng, kKoNotes) : pick(rng, kEnNotes));
    return c;
}

} // namespace hd::seedtext
