<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>HelpdeskCli</name>
    <message>
        <source>Print the version of helpdesk and Qt.</source>
        <translation>helpdesk와 Qt의 버전을 출력합니다.</translation>
    </message>
    <message>
        <source>SQLite database file.</source>
        <translation>SQLite 데이터베이스 파일.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Machine-readable output on stdout.</source>
        <translation>표준 출력에 기계가 읽을 수 있는 형식으로 출력합니다.</translation>
    </message>
    <message>
        <source>Language of messages: ko or en.</source>
        <translation>메시지 언어: ko 또는 en.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>오류: %1</translation>
    </message>
    <message>
        <source>Usage: helpdesk-cli [--db PATH] COMMAND [options] [--json]</source>
        <translation>사용법: helpdesk-cli [--db 경로] 명령 [옵션] [--json]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>명령:</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>옵션:</translation>
    </message>
    <message>
        <source>SQLite database (default: the data folder)</source>
        <translation>SQLite 데이터베이스 (기본값: 데이터 폴더)</translation>
    </message>
    <message>
        <source>Machine-readable output on stdout</source>
        <translation>표준 출력에 기계가 읽을 수 있는 형식으로 출력</translation>
    </message>
    <message>
        <source>Language of messages</source>
        <translation>메시지 언어</translation>
    </message>
    <message>
        <source>Show this help; COMMAND --help shows a command&apos;s options</source>
        <translation>이 도움말을 표시합니다. 명령 --help는 그 명령의 옵션을 보여 줍니다</translation>
    </message>
    <message>
        <source>Show the version</source>
        <translation>버전을 표시합니다</translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;. Run helpdesk-cli --help for the list.</source>
        <translation>알 수 없는 명령 &apos;%1&apos;. 목록은 helpdesk-cli --help로 확인하세요.</translation>
    </message>
    <message>
        <source>Database %1 is ready (schema version %2).</source>
        <translation>데이터베이스 %1이(가) 준비되었습니다(스키마 버전 %2).</translation>
    </message>
    <message>
        <source>--tickets needs a whole number, not &apos;%1&apos;.</source>
        <translation>--tickets에는 정수를 입력해야 합니다(&apos;%1&apos;은(는) 사용할 수 없음).</translation>
    </message>
    <message>
        <source>--seed needs a whole number, not &apos;%1&apos;.</source>
        <translation>--seed에는 정수를 입력해야 합니다(&apos;%1&apos;은(는) 사용할 수 없음).</translation>
    </message>
    <message>
        <source>--years needs a whole number, not &apos;%1&apos;.</source>
        <translation>--years에는 정수를 입력해야 합니다(&apos;%1&apos;은(는) 사용할 수 없음).</translation>
    </message>
    <message>
        <source>seeding: %1 / %2 tickets</source>
        <translation>데모 데이터 생성 중: 티켓 %1 / %2개</translation>
    </message>
    <message>
        <source>Made %1 tickets, %2 messages, %3 events, %4 customers, %5 agents in %6 s.</source>
        <translation>티켓 %1개, 메시지 %2개, 이벤트 %3개, 고객 %4명, 상담원 %5명을 %6초 만에 생성했습니다.</translation>
    </message>
    <message>
        <source>--subject is required.</source>
        <translation>--subject는 필수입니다.</translation>
    </message>
    <message>
        <source>Unknown channel &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 채널 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Unknown priority &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 우선순위 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Direction must be inbound or outbound, not &apos;%1&apos;.</source>
        <translation>방향은 inbound 또는 outbound여야 합니다(&apos;%1&apos;은(는) 사용할 수 없음).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address.</source>
        <translation>&apos;%1&apos;은(는) 이메일 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>Created ticket #%1 (%2).</source>
        <translation>티켓 #%1을(를) 생성했습니다(%2).</translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 상태 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Unknown sort column &apos;%1&apos;.</source>
        <translation>알 수 없는 정렬 열 &apos;%1&apos;입니다.</translation>
    </message>
    <message>
        <source>--limit must be between 1 and 1000.</source>
        <translation>--limit은 1에서 1000 사이여야 합니다.</translation>
    </message>
    <message>
        <source>status %1, priority %2, channel %3, %4</source>
        <translation>상태 %1, 우선순위 %2, 채널 %3, %4</translation>
    </message>
    <message>
        <source>internal note by %1</source>
        <translation>내부 메모 작성자: %1</translation>
    </message>
    <message>
        <source>--limit must be between 1 and 500.</source>
        <translation>--limit은 1에서 500 사이여야 합니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) in %1 ms</source>
        <translation>
            <numerusform>결과 %n건 (%1ms)</numerusform>
        </translation>
    </message>
    <message>
        <source>Internal note %1 added to #%2.</source>
        <translation>내부 메모 %1을(를) #%2에 추가했습니다.</translation>
    </message>
    <message>
        <source>Reply %1 sent on #%2.</source>
        <translation>답변 %1을(를) #%2에 보냈습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1: %2 → %3.</source>
        <translation>티켓 #%1: %2 → %3.</translation>
    </message>
    <message>
        <source>Ticket #%1 assigned to %2.</source>
        <translation>티켓 #%1을(를) %2에게 배정했습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 merged into #%2.</source>
        <translation>티켓 #%1을(를) #%2에 병합했습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a message id.</source>
        <translation>&apos;%1&apos;은(는) 메시지 ID가 아닙니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 split from #%2.</source>
        <translation>티켓 #%1을(를) #%2에서 분리했습니다.</translation>
    </message>
    <message>
        <source>Archive tickets closed more than DAYS ago (default 90).</source>
        <translation>닫힌 지 DAYS일이 지난 티켓을 보관합니다(기본값 90).</translation>
    </message>
    <message>
        <source>--older-than needs a number of days, not &apos;%1&apos;.</source>
        <translation>--older-than에는 일수를 입력해야 합니다(&apos;%1&apos;은(는) 사용할 수 없음).</translation>
    </message>
    <message numerus="yes">
        <source>Archived %n ticket(s).</source>
        <translation>
            <numerusform>티켓 %n건을 보관했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Create or upgrade the database.</source>
        <translation>데이터베이스를 생성하거나 업그레이드합니다.</translation>
    </message>
    <message>
        <source>Fill the database with realistic demo data.</source>
        <translation>데이터베이스를 실제와 같은 데모 데이터로 채웁니다.</translation>
    </message>
    <message>
        <source>Open a ticket.</source>
        <translation>티켓을 엽니다.</translation>
    </message>
    <message>
        <source>List tickets.</source>
        <translation>티켓 목록을 표시합니다.</translation>
    </message>
    <message>
        <source>Show a ticket with its conversation and history.</source>
        <translation>티켓의 대화 내용과 기록을 표시합니다.</translation>
    </message>
    <message>
        <source>Full-text search in Korean and English.</source>
        <translation>한국어와 영어로 전문 검색을 합니다.</translation>
    </message>
    <message>
        <source>Ticket counts of the built-in views.</source>
        <translation>기본 보기별 티켓 수를 표시합니다.</translation>
    </message>
    <message>
        <source>Change a ticket&apos;s status.</source>
        <translation>티켓 상태를 변경합니다.</translation>
    </message>
    <message>
        <source>Assign a ticket to an agent (&apos;none&apos; to unassign).</source>
        <translation>티켓을 상담원에게 배정합니다(배정 해제는 &apos;none&apos;).</translation>
    </message>
    <message>
        <source>Add an internal note (never shown to the customer).</source>
        <translation>내부 메모를 추가합니다(고객에게는 표시되지 않음).</translation>
    </message>
    <message>
        <source>Send a public reply to the customer.</source>
        <translation>고객에게 공개 답변을 보냅니다.</translation>
    </message>
    <message>
        <source>Merge a ticket into another.</source>
        <translation>티켓을 다른 티켓에 병합합니다.</translation>
    </message>
    <message>
        <source>Move messages into a new linked ticket.</source>
        <translation>메시지를 연결된 새 티켓으로 옮깁니다.</translation>
    </message>
    <message>
        <source>Archive tickets closed long ago.</source>
        <translation>오래전에 닫힌 티켓을 보관합니다.</translation>
    </message>
    <message>
        <source>wrong number of arguments; usage: helpdesk-cli %1 %2</source>
        <translation>인수 개수가 잘못되었습니다. 사용법: helpdesk-cli %1 %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date; use YYYY-MM-DD or an ISO 8601 time.</source>
        <translation>&apos;%1&apos;은(는) 날짜가 아닙니다. YYYY-MM-DD 또는 ISO 8601 시각을 사용하세요.</translation>
    </message>
    <message>
        <source>How many tickets to make.</source>
        <translation>만들 티켓 수.</translation>
    </message>
    <message>
        <source>Random seed (same seed, same data).</source>
        <translation>난수 시드 (같은 시드면 같은 데이터).</translation>
    </message>
    <message>
        <source>Years of history (default 3).</source>
        <translation>이력 기간(년, 기본값 3).</translation>
    </message>
    <message>
        <source>Subject of the ticket.</source>
        <translation>티켓 제목.</translation>
    </message>
    <message>
        <source>First message.</source>
        <translation>첫 메시지.</translation>
    </message>
    <message>
        <source>Channel: email, web, in_app, chat_kakao, chat_channeltalk, phone, chatbot, api.</source>
        <translation>채널: email, web, in_app, chat_kakao, chat_channeltalk, phone, chatbot, api.</translation>
    </message>
    <message>
        <source>Priority: urgent, high, normal, low.</source>
        <translation>우선순위: urgent, high, normal, low.</translation>
    </message>
    <message>
        <source>Requester&apos;s email address.</source>
        <translation>요청자 이메일 주소.</translation>
    </message>
    <message>
        <source>inbound (the customer wrote first) or outbound.</source>
        <translation>inbound(고객이 먼저 문의) 또는 outbound.</translation>
    </message>
    <message>
        <source>A tag (repeatable).</source>
        <translation>태그 (여러 번 지정 가능).</translation>
    </message>
    <message>
        <source>Only this status (repeatable).</source>
        <translation>이 상태만 (여러 번 지정 가능).</translation>
    </message>
    <message>
        <source>Full-text filter.</source>
        <translation>전문 검색 필터.</translation>
    </message>
    <message>
        <source>At most N rows (default 50).</source>
        <translation>최대 N행 (기본값 50).</translation>
    </message>
    <message>
        <source>Ascending order (default descending).</source>
        <translation>오름차순 (기본값 내림차순).</translation>
    </message>
    <message>
        <source>Archived tickets only.</source>
        <translation>보관된 티켓만.</translation>
    </message>
    <message>
        <source>Only this agent&apos;s tickets (name, email or id; &apos;none&apos; for unassigned).</source>
        <translation>이 상담원의 티켓만 (이름, 이메일 또는 ID; 미배정은 &apos;none&apos;).</translation>
    </message>
    <message>
        <source>Created on or after this date (YYYY-MM-DD or ISO 8601).</source>
        <translation>이 날짜 이후 생성 (YYYY-MM-DD 또는 ISO 8601).</translation>
    </message>
    <message>
        <source>Created before this date (YYYY-MM-DD or ISO 8601).</source>
        <translation>이 날짜 이전 생성 (YYYY-MM-DD 또는 ISO 8601).</translation>
    </message>
    <message>
        <source>At most N results (default 20).</source>
        <translation>최대 N건 (기본값 20).</translation>
    </message>
    <message>
        <source>Newest first instead of best match first.</source>
        <translation>관련도 대신 최신순으로.</translation>
    </message>
    <message>
        <source>Search what customers can see (no internal notes).</source>
        <translation>고객이 볼 수 있는 내용만 검색 (내부 메모 제외).</translation>
    </message>
    <message>
        <source>Acting agent (name, email or id).</source>
        <translation>작업하는 상담원 (이름, 이메일 또는 ID).</translation>
    </message>
    <message>
        <source>Sort column: number, subject, requester, status, priority, category, assignee, channel, direction, created, updated, sla_due.</source>
        <translation>정렬 열: number, subject, requester, status, priority, category, assignee, channel, direction, created, updated, sla_due.</translation>
    </message>
    <message>
        <source>A pause longer than MINUTES starts a new ticket (default 30).</source>
        <translation>MINUTES분보다 긴 공백이 있으면 새 티켓을 시작합니다(기본값: 30).</translation>
    </message>
    <message>
        <source>ChannelTalk: split a chat open longer than HOURS (default 24).</source>
        <translation>채널톡: HOURS시간보다 오래 열려 있는 채팅을 나눕니다(기본값: 24).</translation>
    </message>
    <message>
        <source>A sender on the business side (repeatable).</source>
        <translation>업체 측 보낸 사람(여러 번 지정 가능).</translation>
    </message>
    <message>
        <source>Time zone of the export&apos;s times (default: this machine&apos;s).</source>
        <translation>내보내기 파일에 기록된 시각의 시간대(기본값: 이 컴퓨터의 시간대).</translation>
    </message>
    <message>
        <source>Name of the conversation (default: the export&apos;s title or file name).</source>
        <translation>대화 이름(기본값: 내보내기 파일의 제목 또는 파일 이름).</translation>
    </message>
    <message>
        <source>--gap needs a number of minutes, not &apos;%1&apos;.</source>
        <translation>--gap에는 &apos;%1&apos;이(가) 아닌 분 단위 숫자를 지정해야 합니다.</translation>
    </message>
    <message>
        <source>Unknown time zone &apos;%1&apos; (use e.g. Asia/Seoul).</source>
        <translation>알 수 없는 시간대 &apos;%1&apos;입니다. Asia/Seoul과 같은 형식을 사용하세요.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a readable file.</source>
        <translation>&apos;%1&apos;은(는) 읽을 수 있는 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>importing: %1 / %2 conversations</source>
        <translation>가져오는 중: 대화 %1 / %2개</translation>
    </message>
    <message>
        <source>--max-open needs a number of hours, not &apos;%1&apos;.</source>
        <translation>--max-open에는 &apos;%1&apos;이(가) 아닌 시간 단위 숫자를 지정해야 합니다.</translation>
    </message>
    <message>
        <source>%1: %2 tickets created, %3 continued, %4 messages added, %5 already there, %6 system lines, %7 problems.</source>
        <translation>%1: 티켓 %2개 생성, %3개 이어짐, 메시지 %4개 추가, %5개는 이미 있음, 시스템 메시지 %6개, 문제 %7건.</translation>
    </message>
    <message>
        <source>  line %1: %2 (%3)</source>
        <translation>  %1번 줄: %2 (%3)</translation>
    </message>
    <message>
        <source>system</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Import a chat export; conversations are cut into tickets at pauses.</source>
        <translation>대화 내보내기 파일을 가져옵니다. 대화는 공백을 기준으로 티켓으로 나뉩니다.</translation>
    </message>
    <message>
        <source>CSV: which columns hold what, e.g. time=Date,sender=User,text=Message,conversation=Room,role=Role.</source>
        <translation>CSV: 각 열에 담긴 내용. 예: time=Date,sender=User,text=Message,conversation=Room,role=Role.</translation>
    </message>
    <message>
        <source>CSV: a time format such as &apos;yyyy-MM-dd HH:mm&apos; (repeatable).</source>
        <translation>CSV: &apos;yyyy-MM-dd HH:mm&apos; 같은 시각 형식 (여러 번 지정 가능).</translation>
    </message>
    <message>
        <source>CSV: the channel of the conversations (default web).</source>
        <translation>CSV: 대화의 채널 (기본값 web).</translation>
    </message>
    <message>
        <source>--map is required for CSV, e.g. --map time=Date,sender=User,text=Message.</source>
        <translation>CSV에는 --map이 필요합니다. 예: --map time=Date,sender=User,text=Message.</translation>
    </message>
    <message>
        <source>At most N customers (default 100).</source>
        <translation>최대 N명의 고객(기본값 100).</translation>
    </message>
    <message>
        <source>--limit needs a positive number, not &apos;%1&apos;.</source>
        <translation>--limit에는 &apos;%1&apos;이(가) 아닌 양수가 필요합니다.</translation>
    </message>
    <message>
        <source>No customers.</source>
        <translation>고객이 없습니다.</translation>
    </message>
    <message>
        <source>Customer %1: %2</source>
        <translation>고객 %1: %2</translation>
    </message>
    <message>
        <source>  tickets: %1</source>
        <translation>  티켓: %1</translation>
    </message>
    <message>
        <source>Only customers with an id above ID.</source>
        <translation>ID보다 큰 ID의 고객만.</translation>
    </message>
    <message>
        <source>Customer %1 (%2) is now part of customer %3 (%4).</source>
        <translation>고객 %1(%2)이(가) 이제 고객 %3(%4)에 합쳐졌습니다.</translation>
    </message>
    <message>
        <source>Usage:</source>
        <translation>사용법:</translation>
    </message>
    <message>
        <source>CUSTOMER is an id, a uuid, an email address or channel:handle (e.g. chat_kakao:김철수). &apos;link&apos; merges OTHER into CUSTOMER: its identities and tickets move, and OTHER is removed.</source>
        <translation>CUSTOMER는 ID, UUID, 이메일 주소 또는 채널:핸들(예: chat_kakao:김철수)입니다. &apos;link&apos;는 OTHER를 CUSTOMER에 합칩니다. OTHER의 식별자와 티켓이 옮겨지고 OTHER는 삭제됩니다.</translation>
    </message>
    <message>
        <source>Unknown customer identity command &apos;%1&apos;; use add.</source>
        <translation>알 수 없는 고객 식별자 명령 &apos;%1&apos;입니다. add를 사용하세요.</translation>
    </message>
    <message>
        <source>Unknown customer command &apos;%1&apos;; use list, search, show, link or identity add.</source>
        <translation>알 수 없는 고객 명령 &apos;%1&apos;입니다. list, search, show, link 또는 identity add를 사용하세요.</translation>
    </message>
    <message>
        <source>Unknown import type &apos;%1&apos;; use kakao, channeltalk, csv or auto (detect from the content).</source>
        <translation>알 수 없는 가져오기 종류 &apos;%1&apos;입니다. kakao, channeltalk, csv 또는 auto(내용으로 판별)를 사용하세요.</translation>
    </message>
    <message>
        <source>reading: %1 / %2 lines</source>
        <translation>읽는 중: %1 / %2줄</translation>
    </message>
    <message>
        <source>Customers across channels: list, search, show, link two into one, add an identity.</source>
        <translation>채널을 넘나드는 고객: 목록, 검색, 보기, 두 고객을 하나로 연결, 식별자 추가.</translation>
    </message>
    <message>
        <source>No agent &apos;%1&apos;.</source>
        <translation>상담원 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>No team &apos;%1&apos;.</source>
        <translation>팀 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>No category &apos;%1&apos;.</source>
        <translation>카테고리 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Report %1 to %2 (previous period %3 to %4)</source>
        <translation>%1 ~ %2 보고서 (이전 기간 %3 ~ %4)</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>지표</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>이번 기간</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전 기간</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>기간</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>재오픈</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>Resolution, median</source>
        <translation>해결 시간 중앙값</translation>
    </message>
    <message>
        <source>CSAT score</source>
        <translation>CSAT 점수</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>카테고리</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Resolution time of the tickets resolved</source>
        <translation>해결된 티켓의 해결 시간</translation>
    </message>
    <message>
        <source>First day (YYYY-MM-DD).</source>
        <translation>첫날(YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Last day (YYYY-MM-DD).</source>
        <translation>마지막 날(YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Trend buckets: day, week or month.</source>
        <translation>추이 단위: day, week 또는 month.</translation>
    </message>
    <message>
        <source>Only this team (name or id).</source>
        <translation>이 팀만(이름 또는 ID).</translation>
    </message>
    <message>
        <source>Only this agent (name, email or id).</source>
        <translation>이 상담원만(이름, 이메일 또는 ID).</translation>
    </message>
    <message>
        <source>Only this channel.</source>
        <translation>이 채널만.</translation>
    </message>
    <message>
        <source>Only this category (name or id).</source>
        <translation>이 카테고리만(이름 또는 ID).</translation>
    </message>
    <message>
        <source>Only this priority.</source>
        <translation>이 우선순위만.</translation>
    </message>
    <message>
        <source>Only inbound or outbound tickets.</source>
        <translation>인바운드 또는 아웃바운드 티켓만.</translation>
    </message>
    <message>
        <source>CSV output on stdout.</source>
        <translation>표준 출력에 CSV로 출력합니다.</translation>
    </message>
    <message>
        <source>Volume spikes of a day instead.</source>
        <translation>대신 하루의 유입량 급증을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Day of --spikes (default today).</source>
        <translation>--spikes의 날짜(기본값 오늘).</translation>
    </message>
    <message>
        <source>Time zone of report days (default the system&apos;s).</source>
        <translation>보고서 날짜의 시간대(기본값 시스템 시간대).</translation>
    </message>
    <message>
        <source>Unknown time zone &apos;%1&apos;.</source>
        <translation>알 수 없는 시간대 &apos;%1&apos;입니다.</translation>
    </message>
    <message>
        <source>--%1 needs a date as YYYY-MM-DD, not &apos;%2&apos;.</source>
        <translation>--%1에는 &apos;%2&apos;이(가) 아니라 YYYY-MM-DD 형식의 날짜가 필요합니다.</translation>
    </message>
    <message>
        <source>--date needs a date as YYYY-MM-DD, not &apos;%1&apos;.</source>
        <translation>--date에는 &apos;%1&apos;이(가) 아니라 YYYY-MM-DD 형식의 날짜가 필요합니다.</translation>
    </message>
    <message>
        <source>--by must be day, week or month, not &apos;%1&apos;.</source>
        <translation>--by는 &apos;%1&apos;이(가) 아니라 day, week, month 중 하나여야 합니다.</translation>
    </message>
    <message>
        <source>updating report summaries: %1 / %2 tickets</source>
        <translation>보고서 요약 갱신 중: 티켓 %1 / %2</translation>
    </message>
    <message>
        <source>No spikes on %1.</source>
        <translation>%1에는 급증이 없습니다.</translation>
    </message>
    <message>
        <source>%1 %2: %3 tickets, expected %4</source>
        <translation>%1 %2: 티켓 %3건, 예상 %4건</translation>
    </message>
    <message>
        <source>Ticket metrics over a period with the previous period for comparison, or today&apos;s volume spikes.</source>
        <translation>기간별 티켓 지표(이전 기간과 비교) 또는 오늘의 유입량 급증.</translation>
    </message>
    <message>
        <source>Server URL, e.g. http://host:8080.</source>
        <translation>서버 URL (예: http://host:8080).</translation>
    </message>
    <message>
        <source>Your sign-in email.</source>
        <translation>로그인 이메일.</translation>
    </message>
    <message>
        <source>--server must be an http:// or https:// URL.</source>
        <translation>--server는 http:// 또는 https:// URL이어야 합니다.</translation>
    </message>
    <message>
        <source>--email is required.</source>
        <translation>--email이 필요합니다.</translation>
    </message>
    <message>
        <source>Give the password on standard input or in HELPDESK_PASSWORD.</source>
        <translation>비밀번호를 표준 입력이나 HELPDESK_PASSWORD로 주세요.</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>로그인 실패: %1</translation>
    </message>
    <message>
        <source>Server URL (default: the one of the last login).</source>
        <translation>서버 URL (기본값: 마지막 로그인의 서버).</translation>
    </message>
    <message>
        <source>File holding the token (default: HELPDESK_TOKEN).</source>
        <translation>토큰이 든 파일 (기본값: HELPDESK_TOKEN).</translation>
    </message>
    <message>
        <source>Feed entries per request.</source>
        <translation>요청당 피드 항목 수.</translation>
    </message>
    <message>
        <source>Give up after this many failed requests in a row.</source>
        <translation>연속으로 이만큼 요청이 실패하면 중단합니다.</translation>
    </message>
    <message>
        <source>No server: pass --server or run &apos;helpdesk-cli login&apos; first.</source>
        <translation>서버가 없습니다: --server를 주거나 먼저 &apos;helpdesk-cli login&apos;을 실행하세요.</translation>
    </message>
    <message>
        <source>No token: set HELPDESK_TOKEN or pass --token-file (helpdesk-cli login prints one).</source>
        <translation>토큰이 없습니다: HELPDESK_TOKEN을 설정하거나 --token-file을 주세요 (helpdesk-cli login이 토큰을 출력합니다).</translation>
    </message>
    <message>
        <source>pulled up to %1 of %2</source>
        <translation>%2 중 %1까지 받음</translation>
    </message>
    <message>
        <source>resuming from cursor %1</source>
        <translation>커서 %1부터 이어서 받습니다</translation>
    </message>
    <message>
        <source>The server refused the token (signed out or expired); run &apos;helpdesk-cli login&apos; again.</source>
        <translation>서버가 토큰을 거부했습니다(로그아웃했거나 만료됨). &apos;helpdesk-cli login&apos;을 다시 실행하세요.</translation>
    </message>
    <message>
        <source>Sync stopped after %1 failed requests: %2</source>
        <translation>요청이 %1번 실패해 동기화를 멈췄습니다: %2</translation>
    </message>
    <message>
        <source>Synced: %1 operations pushed, at %2 of %3, %4 refused changes to review.</source>
        <translation>동기화 완료: 작업 %1개를 보냈고 %3 중 %2 위치이며, 확인할 거부된 변경이 %4개 있습니다.</translation>
    </message>
    <message>
        <source>Sign in to a helpdesk-server (password on stdin); prints the token.</source>
        <translation>helpdesk-server에 로그인합니다(비밀번호는 표준 입력). 토큰을 출력합니다.</translation>
    </message>
    <message>
        <source>Push this replica&apos;s changes and pull the server&apos;s (token in HELPDESK_TOKEN).</source>
        <translation>이 복제본의 변경을 보내고 서버의 변경을 받습니다(토큰은 HELPDESK_TOKEN).</translation>
    </message>
    <message>
        <source>This database is a replica of a team server; demo data would never reach the server. Seed a standalone database instead.</source>
        <translation>이 데이터베이스는 팀 서버의 복제본이라 데모 데이터가 서버에 전달되지 않습니다. 독립 데이터베이스에 만드세요.</translation>
    </message>
</context>
<context>
    <name>hd::AboutDialog</name>
    <message>
        <source>About Helpdesk</source>
        <translation>헬프데스크 정보</translation>
    </message>
    <message>
        <source>Helpdesk</source>
        <translation>헬프데스크</translation>
    </message>
    <message>
        <source>Version %1, built with Qt %2, running on Qt %3</source>
        <translation>버전 %1 (Qt %2로 빌드, Qt %3에서 실행 중)</translation>
    </message>
    <message>
        <source>Helpdesk is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.</source>
        <translation>헬프데스크는 자유 소프트웨어입니다. 자유 소프트웨어 재단이 공표한 GNU 일반 공중 사용 허가서(GNU General Public License) 버전 3 또는 (선택에 따라) 그 이후 버전의 조건에 따라 재배포하거나 수정할 수 있습니다.</translation>
    </message>
    <message>
        <source>Built on</source>
        <translation>사용한 소프트웨어</translation>
    </message>
    <message>
        <source>Qt 6 (Core, SQL, Network, Widgets, HTTP Server, WebSockets): GNU LGPL 3 or GPL</source>
        <translation>Qt 6 (Core, SQL, Network, Widgets, HTTP Server, WebSockets): GNU LGPL 3 또는 GPL</translation>
    </message>
    <message>
        <source>Qt Charts: GNU GPL 3</source>
        <translation>Qt Charts: GNU GPL 3</translation>
    </message>
    <message>
        <source>SQLite: public domain</source>
        <translation>SQLite: 퍼블릭 도메인</translation>
    </message>
    <message>
        <source>Noto Sans CJK fonts (when installed): SIL Open Font License 1.1</source>
        <translation>Noto Sans CJK 글꼴 (설치된 경우): SIL Open Font License 1.1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>hd::AssignmentNotifier</name>
    <message>
        <source>Ticket #%1 assigned to you</source>
        <translation>#%1 티켓이 배정되었습니다</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>hd::AttachmentActions</name>
    <message>
        <source>The attachment “%1” is missing from the attachment store.</source>
        <translation>첨부 파일 “%1”이(가) 첨부 파일 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>첨부 파일 저장</translation>
    </message>
    <message>
        <source>“%1” cannot be written: %2</source>
        <translation>“%1”에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>“%1” is a program or script; Helpdesk does not open those. Save it and have it checked first.</source>
        <translation>“%1”은(는) 프로그램이나 스크립트라서 Helpdesk에서 열지 않습니다. 저장한 뒤 먼저 검사를 받으세요.</translation>
    </message>
    <message>
        <source>No temporary folder for “%1” could be made.</source>
        <translation>“%1”을(를) 위한 임시 폴더를 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>No application is set up to open “%1”. Use Save as… instead.</source>
        <translation>“%1”을(를) 열 수 있는 프로그램이 설정되어 있지 않습니다. 대신 ‘다른 이름으로 저장…’을 사용하세요.</translation>
    </message>
</context>
<context>
    <name>hd::AttachmentIntake</name>
    <message>
        <source>“%1” is %2; attachments can be at most %3. Share a link to the file or send a smaller one.</source>
        <translation>“%1”의 크기는 %2입니다. 첨부 파일은 최대 %3까지 가능합니다. 파일 링크를 공유하거나 더 작은 파일을 보내세요.</translation>
    </message>
    <message>
        <source>“%1” was not attached: programs and scripts are blocked because they can harm the computer that opens them. Put it in a ZIP archive or share a link instead.</source>
        <translation>“%1”을(를) 첨부하지 않았습니다. 프로그램과 스크립트는 여는 컴퓨터에 해를 끼칠 수 있어 차단됩니다. ZIP 압축 파일로 묶거나 링크를 공유하세요.</translation>
    </message>
    <message>
        <source>“%1” does not exist any more; it may have been moved or deleted.</source>
        <translation>“%1”이(가) 더 이상 없습니다. 이동되었거나 삭제되었을 수 있습니다.</translation>
    </message>
    <message>
        <source>“%1” is a folder. Attach the files in it, or a ZIP archive of it.</source>
        <translation>“%1”은(는) 폴더입니다. 폴더 안의 파일이나 폴더를 ZIP으로 압축한 파일을 첨부하세요.</translation>
    </message>
    <message>
        <source>“%1” cannot be read (%2). Check that you may open it and try again.</source>
        <translation>“%1”을(를) 읽을 수 없습니다(%2). 파일을 열 권한이 있는지 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <source>“%1” could not be attached: %2</source>
        <translation>“%1”을(를) 첨부하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>The pasted image is empty.</source>
        <translation>붙여 넣은 이미지가 비어 있습니다.</translation>
    </message>
    <message>
        <source>The pasted image could not be converted to PNG.</source>
        <translation>붙여 넣은 이미지를 PNG로 변환하지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>hd::AttachmentPreview</name>
    <message>
        <source>Attachment: %1</source>
        <translation>첨부 파일: %1</translation>
    </message>
    <message>
        <source>Showing the first %1; save the file to see all of it.</source>
        <translation>처음 %1만 표시합니다. 전체를 보려면 파일을 저장하세요.</translation>
    </message>
    <message>
        <source>No preview for this type of file. Save it or open it with another application.</source>
        <translation>이 형식의 파일은 미리 볼 수 없습니다. 저장하거나 다른 프로그램으로 여세요.</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Open with system</source>
        <translation>기본 프로그램으로 열기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>hd::AttachmentStore</name>
    <message>
        <source>&apos;%1&apos; is not a valid attachment checksum (64 lower-case hexadecimal digits).</source>
        <translation>&apos;%1&apos;은(는) 올바른 첨부 파일 체크섬이 아닙니다(소문자 16진수 64자리).</translation>
    </message>
    <message>
        <source>The attachment %1 is not in the store.</source>
        <translation>첨부 파일 %1이(가) 저장소에 없습니다.</translation>
    </message>
    <message>
        <source>The attachment %1 is damaged: its content no longer matches its checksum.</source>
        <translation>첨부 파일 %1이(가) 손상되었습니다. 내용이 체크섬과 일치하지 않습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is larger than the attachment limit of %2 MB.</source>
        <translation>&apos;%1&apos;이(가) 첨부 파일 크기 제한(%2 MB)을 초과합니다.</translation>
    </message>
    <message>
        <source>The attachment store has no folder; &apos;%1&apos; was not stored.</source>
        <translation>첨부 파일 저장소에 폴더가 없어 &apos;%1&apos;을(를) 저장하지 못했습니다.</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder &apos;%1&apos;.</source>
        <translation>폴더 &apos;%1&apos;을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create a temporary file in &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;에 임시 파일을 만들 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot write &apos;%1&apos; to the attachment store: %2</source>
        <translation>&apos;%1&apos;을(를) 첨부 파일 저장소에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Reading &apos;%1&apos; failed: %2</source>
        <translation>&apos;%1&apos;을(를) 읽지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Cannot replace the damaged attachment &apos;%1&apos;.</source>
        <translation>손상된 첨부 파일 &apos;%1&apos;을(를) 교체할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot move &apos;%1&apos; into the attachment store at &apos;%2&apos;: %3</source>
        <translation>&apos;%1&apos;을(를) 첨부 파일 저장소 &apos;%2&apos;(으)로 옮길 수 없습니다: %3</translation>
    </message>
    <message>
        <source>The file &apos;%1&apos; does not exist.</source>
        <translation>파일 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a folder, not a file.</source>
        <translation>&apos;%1&apos;은(는) 파일이 아니라 폴더입니다.</translation>
    </message>
    <message>
        <source>Cannot read the file &apos;%1&apos;: %2</source>
        <translation>파일 &apos;%1&apos;을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot read the attachment %1: %2</source>
        <translation>첨부 파일 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot delete the attachment %1: %2</source>
        <translation>첨부 파일 %1을(를) 삭제할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The folder &apos;%1&apos; does not exist.</source>
        <translation>폴더 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>There is no free file name for &apos;%1&apos; in &apos;%2&apos;.</source>
        <translation>&apos;%2&apos;에 &apos;%1&apos;에 사용할 수 있는 파일 이름이 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create the file &apos;%1&apos;: %2</source>
        <translation>파일 &apos;%1&apos;을(를) 만들 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot write the file &apos;%1&apos;: %2</source>
        <translation>파일 &apos;%1&apos;에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The file name is empty.</source>
        <translation>파일 이름이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; refers to a folder.</source>
        <translation>파일 이름 &apos;%1&apos;은(는) 폴더를 가리킵니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; contains a path separator (&apos;%2&apos;).</source>
        <translation>파일 이름 &apos;%1&apos;에 경로 구분 문자(&apos;%2&apos;)가 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; contains a NUL character.</source>
        <translation>파일 이름 &apos;%1&apos;에 NUL 문자가 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; contains the control character %2.</source>
        <translation>파일 이름 &apos;%1&apos;에 제어 문자 %2이(가) 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; contains the invisible direction character %2.</source>
        <translation>파일 이름 &apos;%1&apos;에 보이지 않는 방향 제어 문자 %2이(가) 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; contains &apos;%2&apos;, which Windows does not allow.</source>
        <translation>파일 이름 &apos;%1&apos;에 Windows에서 허용하지 않는 &apos;%2&apos;이(가) 있습니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; is not valid Unicode.</source>
        <translation>파일 이름 &apos;%1&apos;은(는) 올바른 유니코드가 아닙니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; starts or ends with a dot or a space.</source>
        <translation>파일 이름 &apos;%1&apos;이(가) 점이나 공백으로 시작하거나 끝납니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; is %2 bytes long in UTF-8; the limit is %3 bytes.</source>
        <translation>파일 이름 &apos;%1&apos;은(는) UTF-8 기준 %2바이트입니다. 최대 %3바이트까지 허용됩니다.</translation>
    </message>
    <message>
        <source>The file name &apos;%1&apos; is a device name reserved by Windows.</source>
        <translation>파일 이름 &apos;%1&apos;은(는) Windows에서 예약된 장치 이름입니다.</translation>
    </message>
</context>
<context>
    <name>hd::BulkEditCommand</name>
    <message>
        <source>No tickets are selected.</source>
        <translation>선택한 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>None of the selected tickets can take this change: %1</source>
        <translation>선택한 티켓 중 이 변경을 적용할 수 있는 티켓이 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>티켓 %n건 배정</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the status of %n ticket(s)</source>
        <translation>
            <numerusform>티켓 %n건 상태 변경</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the priority of %n ticket(s)</source>
        <translation>
            <numerusform>티켓 %n건 우선순위 변경</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the tags of %n ticket(s)</source>
        <translation>
            <numerusform>티켓 %n건 태그 편집</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket #%1 is closed.</source>
        <translation>#%1 티켓은 닫혔습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 already has this assignee.</source>
        <translation>#%1 티켓은 이미 이 담당자에게 배정되어 있습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1: %2</source>
        <translation>#%1 티켓: %2</translation>
    </message>
    <message>
        <source>Ticket #%1 already has this priority.</source>
        <translation>#%1 티켓은 이미 이 우선순위입니다.</translation>
    </message>
</context>
<context>
    <name>hd::BusinessCalendar</name>
    <message>
        <source>Unknown weekday %1</source>
        <translation>알 수 없는 요일 %1</translation>
    </message>
    <message>
        <source>Working hours on %1: %2 is outside 00:00-24:00</source>
        <translation>%1 업무 시간: %2이(가) 00:00-24:00 범위를 벗어납니다</translation>
    </message>
    <message>
        <source>Working hours on %1: %2 ends before it starts</source>
        <translation>%1 업무 시간: %2의 종료 시간이 시작 시간보다 빠릅니다</translation>
    </message>
    <message>
        <source>Working hours on %1: %2 and %3 overlap</source>
        <translation>%1 업무 시간: %2와(과) %3이(가) 겹칩니다</translation>
    </message>
    <message>
        <source>The calendar has no time zone (&quot;timeZone&quot;, e.g. &quot;Asia/Seoul&quot;)</source>
        <translation>캘린더에 시간대가 없습니다(&quot;timeZone&quot;, 예: &quot;Asia/Seoul&quot;)</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot; (expected an IANA name such as &quot;Europe/Berlin&quot;)</source>
        <translation>알 수 없는 시간대 &quot;%1&quot;(예: &quot;Europe/Berlin&quot;과 같은 IANA 이름이어야 함)</translation>
    </message>
    <message>
        <source>&quot;hours&quot; must be an object keyed by weekday (&quot;mon&quot; to &quot;sun&quot;)</source>
        <translation>&quot;hours&quot;는 요일(&quot;mon&quot;~&quot;sun&quot;)을 키로 하는 객체여야 합니다</translation>
    </message>
    <message>
        <source>Unknown weekday &quot;%1&quot; in &quot;hours&quot; (expected mon, tue, wed, thu, fri, sat, sun)</source>
        <translation>&quot;hours&quot;에 알 수 없는 요일 &quot;%1&quot;이(가) 있습니다(mon, tue, wed, thu, fri, sat, sun 중 하나여야 함)</translation>
    </message>
    <message>
        <source>Working hours on %1 must be a list such as [&quot;09:00-18:00&quot;]</source>
        <translation>%1 업무 시간은 [&quot;09:00-18:00&quot;]과 같은 목록이어야 합니다</translation>
    </message>
    <message>
        <source>Working hours on %1: &quot;%2&quot; is not in the form HH:mm-HH:mm</source>
        <translation>%1 업무 시간: &quot;%2&quot;이(가) HH:mm-HH:mm 형식이 아닙니다</translation>
    </message>
    <message>
        <source>Working hours on %1: &quot;%2&quot; is not a valid time (HH:mm, 00:00 to 24:00)</source>
        <translation>%1 업무 시간: &quot;%2&quot;은(는) 올바른 시간이 아닙니다(HH:mm, 00:00~24:00)</translation>
    </message>
    <message>
        <source>&quot;holidays&quot; must be a list of dates (yyyy-MM-dd)</source>
        <translation>&quot;holidays&quot;는 날짜(yyyy-MM-dd) 목록이어야 합니다</translation>
    </message>
    <message>
        <source>Holiday &quot;%1&quot; is not a valid date (yyyy-MM-dd)</source>
        <translation>공휴일 &quot;%1&quot;은(는) 올바른 날짜가 아닙니다(yyyy-MM-dd)</translation>
    </message>
</context>
<context>
    <name>hd::CollisionCheck</name>
    <message>
        <source>New messages from the customer: %L1</source>
        <translation>고객의 새 메시지: %L1개</translation>
    </message>
    <message>
        <source>New replies to the customer by colleagues: %L1</source>
        <translation>동료가 고객에게 보낸 새 답장: %L1개</translation>
    </message>
    <message>
        <source>New internal notes by colleagues: %L1</source>
        <translation>동료의 새 내부 메모: %L1개</translation>
    </message>
</context>
<context>
    <name>hd::Composer</name>
    <message>
        <source>Reply</source>
        <translation>답장</translation>
    </message>
    <message>
        <source>Write to the customer</source>
        <translation>고객에게 보낼 글 작성</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>내부 메모</translation>
    </message>
    <message>
        <source>Write a note only colleagues can see</source>
        <translation>동료만 볼 수 있는 메모 작성</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>확인함</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>첨부…</translation>
    </message>
    <message>
        <source>Attach files (you can also drop files or paste screenshots)</source>
        <translation>파일 첨부 (파일을 끌어다 놓거나 스크린샷을 붙여 넣을 수도 있습니다)</translation>
    </message>
    <message>
        <source>Macros</source>
        <translation>매크로</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Only colleagues see this</source>
        <translation>동료만 볼 수 있습니다</translation>
    </message>
    <message>
        <source>The customer will see this</source>
        <translation>고객에게 보입니다</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Write an internal note for colleagues…</source>
        <translation>동료에게 남길 내부 메모를 쓰세요…</translation>
    </message>
    <message>
        <source>Write a reply to %1…</source>
        <translation>%1에게 보낼 답장을 쓰세요…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>메모 추가</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>답장 보내기</translation>
    </message>
    <message>
        <source>Add the note for colleagues (Ctrl+Enter)</source>
        <translation>동료용 메모 추가 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Send the reply to %1 (Ctrl+Enter)</source>
        <translation>%1에게 답장 보내기 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>This ticket is closed and takes no more messages. Create a follow-up ticket to write to the customer again.</source>
        <translation>닫힌 티켓이라 더 이상 메시지를 추가할 수 없습니다. 고객에게 다시 연락하려면 후속 티켓을 만드세요.</translation>
    </message>
    <message>
        <source>The pasted image was attached as “%1”.</source>
        <translation>붙여 넣은 이미지를 “%1”(으)로 첨부했습니다.</translation>
    </message>
    <message>
        <source>The pasted text (%1) is too long for a message and larger than the attachment limit (%2), so it was not pasted. Save it as a file and share it another way; your message is unchanged.</source>
        <translation>붙여 넣은 텍스트(%1)는 메시지에 넣기에 너무 길고 첨부 한도(%2)보다 커서 붙여 넣지 않았습니다. 파일로 저장해 다른 방법으로 공유하세요. 작성 중인 메시지는 그대로입니다.</translation>
    </message>
    <message>
        <source>The pasted text has %L1 characters, too many for a message (at most %L2 at once), so it was attached as “%3” instead.</source>
        <translation>붙여 넣은 텍스트가 %L1자로 메시지에 넣기에 너무 길어(한 번에 최대 %L2자) 대신 “%3” 파일로 첨부했습니다.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>No macros yet</source>
        <translation>아직 매크로가 없습니다</translation>
    </message>
    <message>
        <source>Fill in before sending: %1</source>
        <translation>보내기 전에 채워 넣으세요: %1</translation>
    </message>
    <message>
        <source>status → %1</source>
        <translation>상태 → %1</translation>
    </message>
    <message>
        <source>priority → %1</source>
        <translation>우선순위 → %1</translation>
    </message>
    <message>
        <source>add tags: %1</source>
        <translation>태그 추가: %1</translation>
    </message>
    <message>
        <source>When sent, the macro also sets: %1</source>
        <translation>보내면 매크로가 함께 적용합니다: %1</translation>
    </message>
    <message>
        <source>Do not change the ticket when sending</source>
        <translation>보낼 때 티켓을 바꾸지 않기</translation>
    </message>
    <message>
        <source>Send or clear the internal note you are writing first: it would otherwise become part of a reply the customer sees.</source>
        <translation>작성 중인 내부 메모를 먼저 보내거나 지우세요. 그렇지 않으면 고객이 보는 답장에 포함됩니다.</translation>
    </message>
    <message>
        <source>Edit what the customer should know, then send. The internal note itself stays internal.</source>
        <translation>고객이 알아야 할 내용만 남도록 고친 뒤 보내세요. 원래 내부 메모는 계속 내부용으로 남습니다.</translation>
    </message>
    <message>
        <source>This ticket changed since you started writing:</source>
        <translation>작성을 시작한 뒤 이 티켓이 바뀌었습니다:</translation>
    </message>
    <message>
        <source>The ticket changed</source>
        <translation>티켓이 바뀌었습니다</translation>
    </message>
    <message>
        <source>Ticket #%1 changed while you were writing:</source>
        <translation>작성하는 동안 티켓 #%1이(가) 바뀌었습니다:</translation>
    </message>
    <message>
        <source>Send your reply to the customer anyway?</source>
        <translation>그래도 고객에게 답장을 보낼까요?</translation>
    </message>
    <message>
        <source>Add your note anyway?</source>
        <translation>그래도 메모를 추가할까요?</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>그래도 보내기</translation>
    </message>
    <message>
        <source>Add anyway</source>
        <translation>그래도 추가</translation>
    </message>
    <message>
        <source>Review first</source>
        <translation>먼저 확인</translation>
    </message>
    <message>
        <source>Write a message or attach a file before sending.</source>
        <translation>보내기 전에 메시지를 쓰거나 파일을 첨부하세요.</translation>
    </message>
    <message>
        <source>Fill in or remove these placeholders before sending: %1</source>
        <translation>보내기 전에 다음 자리 표시자를 채우거나 지우세요: %1</translation>
    </message>
    <message>
        <source>Not sent. Read what changed, then send again.</source>
        <translation>보내지 않았습니다. 바뀐 내용을 확인한 뒤 다시 보내세요.</translation>
    </message>
    <message>
        <source>Not sent: %1 Your text is kept as a draft.</source>
        <translation>보내지 못했습니다: %1 작성한 내용은 임시 저장되어 있습니다.</translation>
    </message>
    <message>
        <source>The message was sent, but the macro could not update the ticket: %1</source>
        <translation>메시지는 보냈지만 매크로가 티켓을 변경하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Reply sent.</source>
        <translation>답장을 보냈습니다.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>메모를 추가했습니다.</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1 Your text is still here.</source>
        <translation>임시 저장하지 못했습니다: %1 작성한 내용은 그대로 있습니다.</translation>
    </message>
    <message>
        <source>Draft saved %1</source>
        <translation>%1에 임시 저장됨</translation>
    </message>
    <message>
        <source>The draft could not be read: %1</source>
        <translation>임시 저장본을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Draft from %1</source>
        <translation>%1에 임시 저장한 글</translation>
    </message>
</context>
<context>
    <name>hd::ConversationText</name>
    <message>
        <source>An agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>봇</translation>
    </message>
    <message>
        <source>System</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Ticket created</source>
        <translation>티켓 생성</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>상태: %1 → %2</translation>
    </message>
    <message>
        <source>Unassigned (was %1)</source>
        <translation>배정 해제 (이전 담당자: %1)</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>담당자 지정: %1</translation>
    </message>
    <message>
        <source>Reassigned: %1 → %2</source>
        <translation>담당자 변경: %1 → %2</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>팀: %1</translation>
    </message>
    <message>
        <source>Team removed</source>
        <translation>팀 해제</translation>
    </message>
    <message>
        <source>Priority: %1 → %2</source>
        <translation>우선순위: %1 → %2</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>분류: %1</translation>
    </message>
    <message>
        <source>Category cleared</source>
        <translation>분류 해제</translation>
    </message>
    <message>
        <source>Tags added: %1</source>
        <translation>태그 추가: %1</translation>
    </message>
    <message>
        <source>Tags removed: %1</source>
        <translation>태그 삭제: %1</translation>
    </message>
    <message>
        <source>Subject changed to “%1”</source>
        <translation>제목 변경: “%1”</translation>
    </message>
    <message>
        <source>Merged into #%1</source>
        <translation>#%1에 병합됨</translation>
    </message>
    <message>
        <source>#%1 merged into this ticket</source>
        <translation>#%1이(가) 이 티켓에 병합됨</translation>
    </message>
    <message>
        <source>Messages split off into #%1</source>
        <translation>메시지를 #%1(으)로 분리함</translation>
    </message>
    <message>
        <source>Split off from #%1</source>
        <translation>#%1에서 분리됨</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>보관됨</translation>
    </message>
    <message>
        <source>Customer rating: %1 of 5</source>
        <translation>고객 평가: 5점 중 %1점</translation>
    </message>
</context>
<context>
    <name>hd::ConversationView</name>
    <message>
        <source>No messages yet.</source>
        <translation>아직 메시지가 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::CustomerPanel</name>
    <message>
        <source>No requester</source>
        <translation>요청자 없음</translation>
    </message>
    <message>
        <source>Email: %1</source>
        <translation>이메일: %1</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>전화: %1</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>언어: %1</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>고객 등록일: %1</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>요청자</translation>
    </message>
    <message>
        <source>Other tickets (%L1)</source>
        <translation>다른 티켓 (%L1)</translation>
    </message>
    <message>
        <source>Other tickets</source>
        <translation>다른 티켓</translation>
    </message>
    <message>
        <source>No other tickets from this customer.</source>
        <translation>이 고객의 다른 티켓이 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::DashboardCharts</name>
    <message>
        <source>MMM yyyy</source>
        <comment>date format of a month on a chart</comment>
        <translation>yyyy년 M월</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>%1 주간</translation>
    </message>
    <message>
        <source>MMM d</source>
        <comment>date format of a day on a chart</comment>
        <translation>M. d.</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>티켓 추이</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>Solved per agent</source>
        <translation>상담원별 해결</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>미배정</translation>
    </message>
    <message>
        <source>Solved by %1</source>
        <translation>%1 님이 해결한 티켓</translation>
    </message>
    <message>
        <source>Tickets per category</source>
        <translation>분류별 티켓</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>분류 없음</translation>
    </message>
    <message>
        <source>Created in %1</source>
        <translation>%1 분류에 생성된 티켓</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>해결 시간</translation>
    </message>
    <message>
        <source>&lt;1h</source>
        <translation>1시간 미만</translation>
    </message>
    <message>
        <source>1–4h</source>
        <translation>1–4시간</translation>
    </message>
    <message>
        <source>4–8h</source>
        <translation>4–8시간</translation>
    </message>
    <message>
        <source>8–24h</source>
        <translation>8–24시간</translation>
    </message>
    <message>
        <source>1–3d</source>
        <translation>1–3일</translation>
    </message>
    <message>
        <source>3–7d</source>
        <translation>3–7일</translation>
    </message>
    <message>
        <source>&gt;7d</source>
        <translation>7일 초과</translation>
    </message>
    <message>
        <source>Resolved tickets</source>
        <translation>해결된 티켓</translation>
    </message>
    <message>
        <source>Resolved in %1</source>
        <translation>해결 시간 %1</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Created via %1</source>
        <translation>%1 채널로 생성된 티켓</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Created with priority %1</source>
        <translation>우선순위 %1 티켓</translation>
    </message>
</context>
<context>
    <name>hd::DashboardPdf</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>filtered by team, agent or category</source>
        <translation>팀, 상담원 또는 분류로 필터링됨</translation>
    </message>
    <message>
        <source>Helpdesk report</source>
        <translation>헬프데스크 보고서</translation>
    </message>
    <message>
        <source>Volume alerts today</source>
        <translation>오늘의 급증 알림</translation>
    </message>
    <message>
        <source>No unusual volume today.</source>
        <translation>오늘은 평소와 다른 급증이 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2 tickets (usually about %3)</source>
        <translation>%1: 티켓 %2건 (평소 약 %3건)</translation>
    </message>
    <message>
        <source>Could not write &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;을(를) 저장할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>hd::DashboardView</name>
    <message>
        <source>Last 7 days</source>
        <translation>최근 7일</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>최근 30일</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>최근 90일</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>이번 달</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>지난달</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>최근 12개월</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>일별</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>주별</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>월별</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>기간:</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>필터:</translation>
    </message>
    <message>
        <source>by</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Volume alerts today</source>
        <translation>오늘의 급증 알림</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>미배정</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>모든 팀</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>모든 상담원</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>모든 채널</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>모든 분류</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>모든 우선순위</translation>
    </message>
    <message>
        <source>Inbound and outbound</source>
        <translation>인바운드와 아웃바운드</translation>
    </message>
    <message>
        <source>Updating the report figures: %1 of %2 tickets</source>
        <translation>보고서 수치 갱신 중: 티켓 %2건 중 %1건</translation>
    </message>
    <message>
        <source>Computing the dashboard…</source>
        <translation>대시보드 계산 중…</translation>
    </message>
    <message>
        <source>Click to list the tickets behind this figure.</source>
        <translation>클릭하면 이 수치에 해당하는 티켓 목록을 엽니다.</translation>
    </message>
    <message>
        <source>Volume alerts today: none</source>
        <translation>오늘의 급증 알림: 없음</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>분류 %1</translation>
    </message>
    <message>
        <source>Channel %1</source>
        <translation>채널 %1</translation>
    </message>
    <message>
        <source>Tag %1</source>
        <translation>태그 %1</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %1: %n tickets today, usually about %2</source>
        <translation>
            <numerusform>⚠ %1: 오늘 티켓 %n건, 평소 약 %2건</numerusform>
        </translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA 위반</translation>
    </message>
    <message>
        <source>Solved by %1</source>
        <translation>%1 님이 해결한 티켓</translation>
    </message>
    <message>
        <source>Agents (double-click for the tickets they solved)</source>
        <translation>상담원 (두 번 클릭하면 해결한 티켓 목록)</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>상담원</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>First response (median)</source>
        <translation>첫 응답 (중앙값)</translation>
    </message>
    <message>
        <source>Resolution (median, business hours)</source>
        <translation>해결 시간 (중앙값, 업무 시간)</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>%1 (%2 ratings)</source>
        <translation>%1 (평가 %2건)</translation>
    </message>
</context>
<context>
    <name>hd::DashboardWindow</name>
    <message>
        <source>Dashboard — Helpdesk</source>
        <translation>대시보드 — 헬프데스크</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>Export as &amp;CSV…</source>
        <translation>CSV로 내보내기(&amp;C)…</translation>
    </message>
    <message>
        <source>Export as &amp;PDF (A4)…</source>
        <translation>PDF로 내보내기 - A4(&amp;P)…</translation>
    </message>
    <message>
        <source>Export as PDF (&amp;Letter)…</source>
        <translation>PDF로 내보내기 - Letter(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>CSV로 내보내기</translation>
    </message>
    <message>
        <source>Export as PDF</source>
        <translation>PDF로 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>hd::Database</name>
    <message>
        <source>Database error while %1: %2</source>
        <translation>%1 중 데이터베이스 오류가 발생했습니다: %2</translation>
    </message>
    <message>
        <source>A database file path is required.</source>
        <translation>데이터베이스 파일 경로가 필요합니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a file.</source>
        <translation>&apos;%1&apos;은(는) 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>Cannot open database &apos;%1&apos;: %2</source>
        <translation>데이터베이스 &apos;%1&apos;을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Database error: injected fault</source>
        <translation>데이터베이스 오류: 주입된 오류</translation>
    </message>
    <message>
        <source>preparing a statement</source>
        <translation>SQL 문 준비</translation>
    </message>
    <message>
        <source>running a statement</source>
        <translation>SQL 문 실행</translation>
    </message>
    <message>
        <source>changing the schema</source>
        <translation>스키마 변경</translation>
    </message>
    <message>
        <source>starting a transaction</source>
        <translation>트랜잭션 시작</translation>
    </message>
    <message>
        <source>committing</source>
        <translation>커밋</translation>
    </message>
    <message>
        <source>The database &apos;%1&apos; was written by a newer version of Helpdesk (schema %2; this version knows up to %3).</source>
        <translation>데이터베이스 &apos;%1&apos;은(는) 더 최신 버전의 Helpdesk에서 작성되었습니다(스키마 %2, 이 버전은 %3까지 지원).</translation>
    </message>
    <message>
        <source>recording the schema version</source>
        <translation>스키마 버전 기록</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation>PostgreSQL(%1)에 연결할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a PostgreSQL URL; write postgresql://user:password@host:port/database.</source>
        <translation>&apos;%1&apos;은(는) PostgreSQL URL이 아닙니다. postgresql://사용자:비밀번호@호스트:포트/데이터베이스 형식으로 쓰세요.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL &apos;%1&apos; names no database; add /DATABASE after the host.</source>
        <translation>PostgreSQL URL &apos;%1&apos;에 데이터베이스 이름이 없습니다. 호스트 뒤에 /데이터베이스를 붙이세요.</translation>
    </message>
    <message>
        <source>A PostgreSQL database is served by helpdesk-server; the desktop and the command line keep a local SQLite file and sync with the server (File &gt; Connect to Server, helpdesk-cli login).</source>
        <translation>PostgreSQL 데이터베이스는 helpdesk-server가 제공합니다. 데스크톱과 명령줄은 로컬 SQLite 파일을 쓰고 서버와 동기화합니다(파일 &gt; 서버에 연결, helpdesk-cli login).</translation>
    </message>
    <message>
        <source>Database error: an earlier step of this change failed, so it was undone.</source>
        <translation>데이터베이스 오류: 이 변경의 앞 단계가 실패하여 변경 전체를 되돌렸습니다.</translation>
    </message>
</context>
<context>
    <name>hd::DemoData</name>
    <message>
        <source>Welcome to Helpdesk</source>
        <translation>헬프데스크에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Loading demo data…</source>
        <translation>데모 데이터를 불러오는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Your ticket database is empty. Load demo data (%L1 tickets with customers, agents and three years of history) to look around?

You can also start from an empty database.</source>
        <translation>티켓 데이터베이스가 비어 있습니다. 둘러볼 수 있도록 데모 데이터(고객, 상담원, 3년간의 이력이 담긴 티켓 %L1건)를 불러올까요?

빈 데이터베이스로 시작할 수도 있습니다.</translation>
    </message>
</context>
<context>
    <name>hd::Directory</name>
    <message>
        <source>An agent needs a name.</source>
        <translation>상담원 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>No agent with id %1.</source>
        <translation>ID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>No agent named &apos;%1&apos;.</source>
        <translation>이름이 &apos;%1&apos;인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>A team needs a name.</source>
        <translation>팀 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>A category needs a name.</source>
        <translation>분류 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>A customer needs a name or an address.</source>
        <translation>고객 이름이나 주소가 필요합니다.</translation>
    </message>
    <message>
        <source>No customer with id %1.</source>
        <translation>ID가 %1인 고객이 없습니다.</translation>
    </message>
    <message>
        <source>No customer known as &apos;%1&apos; on %2.</source>
        <translation>%2에 &apos;%1&apos;(으)로 등록된 고객이 없습니다.</translation>
    </message>
    <message>
        <source>An empty customer address is not allowed.</source>
        <translation>빈 고객 주소는 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; on %2 already belongs to another customer (id %3).</source>
        <translation>%2의 &apos;%1&apos;은(는) 이미 다른 고객(ID %3)에게 등록되어 있습니다.</translation>
    </message>
    <message>
        <source>A customer cannot be merged into itself.</source>
        <translation>고객을 자기 자신에게 병합할 수 없습니다.</translation>
    </message>
    <message>
        <source>The search &apos;%1&apos; has no searchable words.</source>
        <translation>검색어 &apos;%1&apos;에 검색할 수 있는 단어가 없습니다.</translation>
    </message>
    <message>
        <source>No customer &apos;%1&apos; (use an id, a uuid, an email address or channel:handle).</source>
        <translation>고객 &apos;%1&apos;을(를) 찾을 수 없습니다(ID, UUID, 이메일 주소 또는 채널:핸들을 사용하세요).</translation>
    </message>
</context>
<context>
    <name>hd::Drafts</name>
    <message>
        <source>A draft needs a ticket and an agent.</source>
        <translation>임시 저장 글에는 티켓과 상담원이 필요합니다.</translation>
    </message>
    <message>
        <source>The draft is %1 characters long; the limit is %2.</source>
        <translation>임시 저장 글이 %1자입니다. 최대 %2자까지 가능합니다.</translation>
    </message>
    <message>
        <source>The ticket, agent or macro of the draft does not exist.</source>
        <translation>임시 저장 글의 티켓, 상담원 또는 매크로가 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::FilterBar</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>모든 분류</translation>
    </message>
    <message>
        <source>Any team</source>
        <translation>모든 팀</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>모든 담당자</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>미배정</translation>
    </message>
    <message>
        <source>Inbound and outbound</source>
        <translation>인바운드 및 아웃바운드</translation>
    </message>
    <message>
        <source>Search tickets (Korean or English)…</source>
        <translation>티켓 검색(한국어 또는 영어)…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Tickets with all of these tags (separate them with commas)</source>
        <translation>이 태그가 모두 달린 티켓(태그는 쉼표로 구분)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성일</translation>
    </message>
    <message>
        <source>Only tickets created between these dates</source>
        <translation>이 기간에 생성된 티켓만</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Remove every condition</source>
        <translation>모든 조건 지우기</translation>
    </message>
    <message>
        <source>Save as view…</source>
        <translation>보기로 저장…</translation>
    </message>
    <message>
        <source>Nothing in &apos;%1&apos; can be searched for.</source>
        <translation>&apos;%1&apos;에는 검색할 수 있는 내용이 없습니다.</translation>
    </message>
    <message>
        <source>Words or Korean syllables; &quot;quotes&quot; for a phrase, -word to exclude, OR between alternatives</source>
        <translation>단어나 한글 음절로 검색합니다. 구절은 &quot;따옴표&quot;로, 제외할 단어는 -단어로, 둘 중 하나는 OR로 연결하세요</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>분류 %1</translation>
    </message>
    <message>
        <source>Team %1</source>
        <translation>팀 %1</translation>
    </message>
    <message>
        <source>Agent %1</source>
        <translation>상담원 %1</translation>
    </message>
    <message>
        <source>Signed-in agent</source>
        <translation>로그인한 상담원</translation>
    </message>
</context>
<context>
    <name>hd::ImportDialog</name>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Import a chat export</source>
        <translation>대화 내보내기 파일 가져오기</translation>
    </message>
    <message>
        <source>Chat exports (*.txt *.csv *.json *.jsonl);;All files (*)</source>
        <translation>대화 내보내기 파일 (*.txt *.csv *.json *.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading %1… %2%</source>
        <translation>%1 읽는 중… %2%</translation>
    </message>
    <message>
        <source>%1 (messages: %2)</source>
        <translation>%1 (메시지 %2개)</translation>
    </message>
    <message>
        <source>Always on the business side.</source>
        <translation>항상 상담하는 쪽(우리 쪽)입니다.</translation>
    </message>
    <message>
        <source>Default: the file name</source>
        <translation>기본값: 파일 이름</translation>
    </message>
    <message>
        <source>Default: the export&apos;s title, %1</source>
        <translation>기본값: 내보낸 파일의 제목, %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 읽는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Reading the file: line %1 of %2</source>
        <translation>파일 읽는 중: %2줄 중 %1줄</translation>
    </message>
    <message>
        <source>Importing conversations: %1 of %2</source>
        <translation>대화 가져오는 중: %2개 중 %1개</translation>
    </message>
    <message>
        <source>The import stopped unexpectedly.</source>
        <translation>가져오기가 예기치 않게 멈췄습니다.</translation>
    </message>
    <message>
        <source>%1 · lines: %2 · messages: %3 · conversations: %4 · unreadable lines: %5</source>
        <translation>%1 · 줄: %2 · 메시지: %3 · 대화: %4 · 읽지 못한 줄: %5</translation>
    </message>
    <message>
        <source>Choose a KakaoTalk, ChannelTalk or CSV export, or drop it here.</source>
        <translation>카카오톡, 채널톡 또는 CSV 내보내기 파일을 고르거나 여기에 끌어다 놓으세요.</translation>
    </message>
    <message>
        <source>Import a chat</source>
        <translation>대화 가져오기</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>파일(&amp;F):</translation>
    </message>
    <message>
        <source>A KakaoTalk .txt or .csv, a ChannelTalk .json, or a CSV file</source>
        <translation>카카오톡 .txt 또는 .csv, 채널톡 .json, 또는 CSV 파일</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <source>Detect from the content</source>
        <translation>내용으로 판별</translation>
    </message>
    <message>
        <source>KakaoTalk</source>
        <translation>카카오톡</translation>
    </message>
    <message>
        <source>ChannelTalk</source>
        <translation>채널톡</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>CSV &amp;columns:</source>
        <translation>CSV 열(&amp;C):</translation>
    </message>
    <message>
        <source>time=Date,sender=User,text=Message (guessed from the header)</source>
        <translation>time=Date,sender=User,text=Message (머리글에서 추정)</translation>
    </message>
    <message>
        <source>New ticket after a &amp;pause of:</source>
        <translation>새 티켓으로 나눌 대화 공백(&amp;P):</translation>
    </message>
    <message>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <source>&amp;Time zone of the export:</source>
        <translation>내보낸 파일의 시간대(&amp;T):</translation>
    </message>
    <message>
        <source>Conversation &amp;name:</source>
        <translation>대화방 이름(&amp;N):</translation>
    </message>
    <message>
        <source>Who answers for the business? Tick the agents among the senders; everyone else is a customer.</source>
        <translation>누가 우리 쪽에서 답하나요? 보낸 사람 중 상담원을 체크하세요. 나머지는 모두 고객입니다.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>가져오기(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>hd::ImportSummaryPage</name>
    <message>
        <source>Tickets created:</source>
        <translation>만든 티켓:</translation>
    </message>
    <message>
        <source>Tickets continued:</source>
        <translation>이어 쓴 티켓:</translation>
    </message>
    <message>
        <source>Messages added:</source>
        <translation>추가한 메시지:</translation>
    </message>
    <message>
        <source>Messages already there:</source>
        <translation>이미 있던 메시지:</translation>
    </message>
    <message>
        <source>System lines kept:</source>
        <translation>보관한 시스템 줄:</translation>
    </message>
    <message>
        <source>Lines read:</source>
        <translation>읽은 줄:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>줄</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>&amp;Copy problems</source>
        <translation>문제 줄 복사(&amp;C)</translation>
    </message>
    <message>
        <source>The import of %1 was cancelled after %L2 of %L3 conversations. What was imported stays, and importing the file again continues where it stopped.</source>
        <translation>%1 가져오기를 대화 %L3개 중 %L2개에서 취소했습니다. 이미 가져온 내용은 남아 있으며, 파일을 다시 가져오면 멈춘 곳부터 이어서 가져옵니다.</translation>
    </message>
    <message>
        <source>%1 was imported (format %2, conversations: %L3).</source>
        <translation>%1 파일을 가져왔습니다(형식 %2, 대화 %L3개).</translation>
    </message>
    <message>
        <source>Every line was read.</source>
        <translation>모든 줄을 읽었습니다.</translation>
    </message>
    <message>
        <source>Lines that could not be read: %L1</source>
        <translation>읽지 못한 줄: %L1</translation>
    </message>
</context>
<context>
    <name>hd::InitialSyncDialog</name>
    <message numerus="yes">
        <source>%Ln ticket(s) so far</source>
        <translation>
            <numerusform>지금까지 티켓 %Ln개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled at %1%. The %Ln ticket(s) downloaded stay on this computer; File → Sync Now, or the next start, continues from there.</source>
        <translation>
            <numerusform>%1%에서 취소했습니다. 받은 티켓 %Ln개는 이 컴퓨터에 남으며, 파일 → 지금 동기화 또는 다음 실행 때 이어서 받습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1% · %2</source>
        <translation>%1% · %2</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>서버에 요청하는 중…</translation>
    </message>
    <message>
        <source>First Sync</source>
        <translation>첫 동기화</translation>
    </message>
    <message>
        <source>Downloading the team&apos;s tickets from %1. You can keep working meanwhile. If you cancel, what has arrived stays and the next sync continues from there.</source>
        <translation>%1에서 팀의 티켓을 받는 중입니다. 그동안 계속 작업할 수 있습니다. 취소해도 받은 티켓은 남고, 다음 동기화가 이어서 받습니다.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>hd::MacroEditor</name>
    <message>
        <source>Canned Responses</source>
        <translation>상용구</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>고객에게 답장</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>내부 메모</translation>
    </message>
    <message>
        <source>Shared with every agent</source>
        <translation>모든 상담원과 공유</translation>
    </message>
    <message>
        <source>Placeholders: %1. A default after a bar is used when the value is missing: {{requester.name|customer}}.</source>
        <translation>자리 표시자: %1. 값이 없으면 세로 막대 뒤의 기본값을 씁니다: {{requester.name|고객}}.</translation>
    </message>
    <message>
        <source>(no change)</source>
        <translation>(변경 안 함)</translation>
    </message>
    <message>
        <source>Comma-separated</source>
        <translation>쉼표로 구분</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>제목(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Written as:</source>
        <translation>작성 형식(&amp;W):</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>내용(&amp;X):</translation>
    </message>
    <message>
        <source>On send, set &amp;status:</source>
        <translation>보낼 때 상태 변경(&amp;S):</translation>
    </message>
    <message>
        <source>On send, set &amp;priority:</source>
        <translation>보낼 때 우선순위 변경(&amp;P):</translation>
    </message>
    <message>
        <source>On send, add ta&amp;gs:</source>
        <translation>보낼 때 태그 추가(&amp;G):</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete this canned response?</source>
        <translation>이 상용구를 삭제할까요?</translation>
    </message>
    <message>
        <source>%1 (mine)</source>
        <translation>%1 (내 것)</translation>
    </message>
</context>
<context>
    <name>hd::Macros</name>
    <message>
        <source>A macro title must have 1 to %1 characters.</source>
        <translation>매크로 제목은 1~%1자여야 합니다.</translation>
    </message>
    <message>
        <source>A macro needs a text.</source>
        <translation>매크로에는 본문이 필요합니다.</translation>
    </message>
    <message>
        <source>The macro text is %1 characters long; the limit is %2.</source>
        <translation>매크로 본문이 %1자입니다. 최대 %2자까지 가능합니다.</translation>
    </message>
    <message>
        <source>No agent with id %1.</source>
        <translation>ID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>No macro with id %1.</source>
        <translation>ID가 %1인 매크로가 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::MainWindow</name>
    <message>
        <source>Helpdesk</source>
        <translation>헬프데스크</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;New Ticket…</source>
        <translation>새 티켓(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <source>&amp;About Helpdesk</source>
        <translation>헬프데스크 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>My tickets</source>
        <translation>내 티켓</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>미배정</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>열린 티켓 전체</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>보관됨</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>요청자</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>채널</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>SLA due</source>
        <translation>처리 기한</translation>
    </message>
    <message>
        <source>Select a ticket to see its conversation.</source>
        <translation>티켓을 선택하면 대화 내용이 표시됩니다.</translation>
    </message>
    <message>
        <source>Offline: working on the local database</source>
        <translation>오프라인: 로컬 데이터베이스에서 작업 중</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message numerus="yes">
        <source>Syncing: %n change(s) waiting</source>
        <translation>
            <numerusform>동기화 중: 변경 %n건 대기</numerusform>
        </translation>
    </message>
    <message>
        <source>Local database</source>
        <translation>로컬 데이터베이스</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>티켓(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Import Chats…</source>
        <translation>대화 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Next Ticket</source>
        <translation>다음 티켓(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Ticket</source>
        <translation>이전 티켓(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reply to Customer</source>
        <translation>고객에게 답장(&amp;R)</translation>
    </message>
    <message>
        <source>Internal &amp;Note</source>
        <translation>내부 메모(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Assign to Me</source>
        <translation>나에게 배정(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Solve</source>
        <translation>해결(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Search Tickets</source>
        <translation>티켓 검색(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Merge into…</source>
        <translation>다른 티켓에 병합(&amp;M)…</translation>
    </message>
    <message>
        <source>S&amp;plit…</source>
        <translation>분할(&amp;P)…</translation>
    </message>
    <message>
        <source>There is no agent to act as yet; load demo data or import tickets first.</source>
        <translation>아직 상담원이 없습니다. 데모 데이터를 불러오거나 티켓을 먼저 가져오세요.</translation>
    </message>
    <message>
        <source>Select at most %L1 tickets for one change.</source>
        <translation>한 번에 최대 %L1건의 티켓만 변경할 수 있습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed.</source>
        <translation>
            <numerusform>티켓 %n건을 변경했습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: %1</source>
        <translation>
            <numerusform>%n건 건너뜀: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>One file at a time: importing %1 first.</source>
        <translation>한 번에 한 파일씩 가져옵니다: 먼저 %1을(를) 가져옵니다.</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>배정</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(미배정)</translation>
    </message>
    <message>
        <source>Add Tags…</source>
        <translation>태그 추가…</translation>
    </message>
    <message>
        <source>Add Tags</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <source>Tags (comma-separated):</source>
        <translation>태그 (쉼표로 구분):</translation>
    </message>
    <message>
        <source>Remove Tags…</source>
        <translation>태그 제거…</translation>
    </message>
    <message>
        <source>Remove Tags</source>
        <translation>태그 제거</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>보기 저장</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>실행 취소(&amp;U): %1</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>다시 실행(&amp;R): %1</translation>
    </message>
    <message>
        <source>&amp;Canned Responses…</source>
        <translation>상용구(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>보고서(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>대시보드(&amp;D)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ticket(s)</source>
        <translation>
            <numerusform>%1: 티켓 %n건</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tickets today</source>
        <translation>
            <numerusform>%1: 오늘 티켓 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Unusual ticket volume</source>
        <translation>평소와 다른 티켓 급증</translation>
    </message>
    <message>
        <source>Scheduled report saved: %1</source>
        <translation>예약 보고서를 저장했습니다: %1</translation>
    </message>
    <message>
        <source>&amp;Scheduled Exports…</source>
        <translation>예약 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Connect to Another Server…</source>
        <translation>다른 서버에 연결(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Connect to Server…</source>
        <translation>서버에 연결(&amp;C)…</translation>
    </message>
    <message>
        <source>S&amp;ync Now</source>
        <translation>지금 동기화(&amp;Y)</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>로그아웃(&amp;O)</translation>
    </message>
    <message>
        <source>This computer has no stored sign-in for %1.</source>
        <translation>이 컴퓨터에 %1 로그인 정보가 저장되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Sync paused: File → Sync Now resumes it.</source>
        <translation>동기화 일시 중지됨: 파일 → 지금 동기화로 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation>로그아웃</translation>
    </message>
    <message>
        <source>Sign out of %1?</source>
        <translation>%1에서 로그아웃할까요?</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay in this computer&apos;s copy and are sent when you sign in again.</source>
        <translation>
            <numerusform>변경 %n건이 아직 서버에 전달되지 않았습니다. 이 컴퓨터의 사본에 남아 있다가 다시 로그인하면 전송됩니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Helpdesk then opens the local database.</source>
        <translation>그러면 Helpdesk가 로컬 데이터베이스를 엽니다.</translation>
    </message>
</context>
<context>
    <name>hd::MergeDialog</name>
    <message>
        <source>#%1 %2 — %3, %4</source>
        <translation>#%1 %2 — %3, %4</translation>
    </message>
    <message>
        <source>Merge tickets</source>
        <translation>티켓 병합</translation>
    </message>
    <message numerus="yes">
        <source>Merge %n ticket(s) into another. Their messages move to the target and they are closed with a link to it:</source>
        <translation>
            <numerusform>티켓 %n건을 다른 티켓에 병합합니다. 메시지는 대상 티켓으로 옮겨지고, 이 티켓은 대상과 연결된 채 닫힙니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>Ticket number, e.g. 1234</source>
        <translation>티켓 번호, 예: 1234</translation>
    </message>
    <message>
        <source>Merge &amp;into:</source>
        <translation>병합 대상(&amp;I):</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>No ticket %1.</source>
        <translation>%1 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>A ticket cannot be merged into itself.</source>
        <translation>티켓을 자기 자신에 병합할 수 없습니다.</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>대상: %1</translation>
    </message>
    <message>
        <source>Name the ticket to merge into.</source>
        <translation>병합할 대상 티켓을 지정하세요.</translation>
    </message>
</context>
<context>
    <name>hd::MessageCard</name>
    <message>
        <source>Internal note</source>
        <translation>내부 메모</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>고객</translation>
    </message>
    <message>
        <source>Reply to customer</source>
        <translation>고객에게 보낸 답장</translation>
    </message>
    <message>
        <source>Show all (%L1 characters)</source>
        <translation>전체 보기 (%L1자)</translation>
    </message>
    <message>
        <source>Make public…</source>
        <translation>공개 답장으로…</translation>
    </message>
    <message>
        <source>Start a reply to the customer from this note (or from the part of it you selected) and edit what they should know.</source>
        <translation>이 메모(또는 선택한 부분)로 고객에게 보낼 답장을 시작하고, 고객이 알아야 할 내용으로 고치세요.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>첨부 파일 저장</translation>
    </message>
    <message>
        <source>Open with system</source>
        <translation>기본 프로그램으로 열기</translation>
    </message>
    <message>
        <source>Open attachment</source>
        <translation>첨부 파일 열기</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Make selection public…</source>
        <translation>선택한 부분을 공개 답장으로…</translation>
    </message>
    <message>
        <source>Message from %1</source>
        <translation>%1의 메시지</translation>
    </message>
</context>
<context>
    <name>hd::Names</name>
    <message>
        <source>New</source>
        <translation>신규</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열림</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>긴급</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Web portal</source>
        <translation>웹 포털</translation>
    </message>
    <message>
        <source>In-app</source>
        <translation>앱 내 문의</translation>
    </message>
    <message>
        <source>KakaoTalk</source>
        <translation>카카오톡</translation>
    </message>
    <message>
        <source>ChannelTalk</source>
        <translation>채널톡</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>Chatbot</source>
        <translation>챗봇</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>인바운드</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>아웃바운드</translation>
    </message>
</context>
<context>
    <name>hd::NewTicketDialog</name>
    <message>
        <source>New ticket</source>
        <translation>새 티켓</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>채널(&amp;C):</translation>
    </message>
    <message>
        <source>The customer contacted us (inbound)</source>
        <translation>고객이 먼저 연락함 (인바운드)</translation>
    </message>
    <message>
        <source>We contacted the customer (outbound)</source>
        <translation>우리가 먼저 연락함 (아웃바운드)</translation>
    </message>
    <message>
        <source>Who spoke first:</source>
        <translation>먼저 연락한 쪽:</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>요청자</translation>
    </message>
    <message>
        <source>Find a customer by name, email or phone…</source>
        <translation>이름, 이메일 또는 전화번호로 고객 찾기…</translation>
    </message>
    <message>
        <source>Or a new customer — name:</source>
        <translation>또는 새 고객 — 이름:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>이메일:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>전화번호:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>제목(&amp;S):</translation>
    </message>
    <message>
        <source>What was said: the customer&apos;s request, or what we told them.</source>
        <translation>오간 내용: 고객의 요청 또는 고객에게 안내한 내용.</translation>
    </message>
    <message>
        <source>&amp;Notes of the contact:</source>
        <translation>상담 내용(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>우선순위(&amp;P):</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>분류(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Assignee:</source>
        <translation>담당자(&amp;A):</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. refund, vip</source>
        <translation>쉼표로 구분, 예: 환불, vip</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>태그(&amp;T):</translation>
    </message>
    <message>
        <source>Create ticket</source>
        <translation>티켓 만들기</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(미배정)</translation>
    </message>
    <message>
        <source>Choose the requester from the list or enter a new customer&apos;s name, email or phone.</source>
        <translation>목록에서 요청자를 고르거나 새 고객의 이름, 이메일 또는 전화번호를 입력하세요.</translation>
    </message>
    <message>
        <source>Enter a subject.</source>
        <translation>제목을 입력하세요.</translation>
    </message>
</context>
<context>
    <name>hd::RejectionsDialog</name>
    <message>
        <source>Changes the Server Refused</source>
        <translation>서버가 거부한 변경</translation>
    </message>
    <message>
        <source>The server did not take these changes of yours, so they were undone here; notices tell you when your change replaced a colleague&apos;s. Dismiss a row once you have dealt with it.</source>
        <translation>서버가 받아들이지 않은 내 변경 사항이며, 이 컴퓨터에서도 되돌렸습니다. 알림은 내 변경이 동료의 변경을 대신했을 때 표시됩니다. 처리한 항목은 확인 완료로 닫으세요.</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>티켓</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>내 변경</translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation>서버 응답</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>&amp;Open Ticket</source>
        <translation>티켓 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>확인 완료(&amp;D)</translation>
    </message>
    <message>
        <source>Dismiss &amp;All</source>
        <translation>모두 확인 완료(&amp;A)</translation>
    </message>
    <message>
        <source>(not on the server)</source>
        <translation>(서버에 없음)</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>assignee</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>category</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>team</source>
        <translation>팀</translation>
    </message>
    <message>
        <source>status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>New ticket %1</source>
        <translation>새 티켓 %1</translation>
    </message>
    <message>
        <source>Internal note: %1</source>
        <translation>내부 메모: %1</translation>
    </message>
    <message>
        <source>Reply: %1</source>
        <translation>답장: %1</translation>
    </message>
    <message>
        <source>Status → %1</source>
        <translation>상태 → %1</translation>
    </message>
    <message>
        <source>Priority → %1</source>
        <translation>우선순위 → %1</translation>
    </message>
    <message>
        <source>Assignee → %1</source>
        <translation>담당자 → %1</translation>
    </message>
    <message>
        <source>Subject → %1</source>
        <translation>제목 → %1</translation>
    </message>
    <message>
        <source>Tags added: %1</source>
        <translation>태그 추가: %1</translation>
    </message>
    <message>
        <source>Tags removed: %1</source>
        <translation>태그 삭제: %1</translation>
    </message>
    <message>
        <source>Merge into another ticket</source>
        <translation>다른 티켓으로 병합</translation>
    </message>
    <message>
        <source>Split into a new ticket</source>
        <translation>새 티켓으로 분리</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>보관</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Your change of %1 replaced %2&apos;s change to %3.</source>
        <translation>내 %1 변경이 %2 님의 변경(%3)을 대신했습니다.</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>동료</translation>
    </message>
    <message>
        <source>Not allowed in the ticket&apos;s status on the server (closed meanwhile?)</source>
        <translation>서버의 티켓 상태에서는 할 수 없습니다(그사이 종료되었나요?)</translation>
    </message>
    <message>
        <source>These tickets can no longer be merged</source>
        <translation>이 티켓들은 더 이상 병합할 수 없습니다</translation>
    </message>
    <message>
        <source>A message to split off moved meanwhile</source>
        <translation>분리할 메시지가 그사이 옮겨졌습니다</translation>
    </message>
    <message>
        <source>The ticket is not on the server</source>
        <translation>서버에 없는 티켓입니다</translation>
    </message>
    <message>
        <source>Your role may not do this</source>
        <translation>내 역할로는 할 수 없습니다</translation>
    </message>
    <message>
        <source>The server found the change invalid</source>
        <translation>서버가 변경 내용이 올바르지 않다고 판단했습니다</translation>
    </message>
    <message>
        <source>Too large for the server</source>
        <translation>서버가 받기에 너무 큽니다</translation>
    </message>
    <message>
        <source>This server does not take this kind of change yet</source>
        <translation>이 서버는 아직 이런 변경을 받지 않습니다</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>hd::SavedViews</name>
    <message>
        <source>A view name must have 1 to %1 characters.</source>
        <translation>보기 이름은 1~%1자여야 합니다.</translation>
    </message>
    <message>
        <source>No agent with id %1.</source>
        <translation>ID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>No saved view with id %1.</source>
        <translation>ID가 %1인 저장된 보기가 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::SavedViewsNavigator</name>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>위로 이동</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>아래로 이동</translation>
    </message>
    <message>
        <source>Delete View…</source>
        <translation>보기 삭제…</translation>
    </message>
    <message>
        <source>Rename View</source>
        <translation>보기 이름 바꾸기</translation>
    </message>
    <message>
        <source>Delete View</source>
        <translation>보기 삭제</translation>
    </message>
    <message>
        <source>Delete the view &apos;%1&apos;? Its tickets are not affected.</source>
        <translation>&apos;%1&apos; 보기를 삭제할까요? 보기에 속한 티켓은 그대로 남습니다.</translation>
    </message>
</context>
<context>
    <name>hd::ScheduledExporter</name>
    <message>
        <source>No folder is chosen.</source>
        <translation>폴더를 고르지 않았습니다.</translation>
    </message>
    <message>
        <source>The folder &apos;%1&apos; does not exist.</source>
        <translation>폴더 &apos;%1&apos;이(가) 없습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder.</source>
        <translation>&apos;%1&apos;은(는) 폴더가 아닙니다.</translation>
    </message>
    <message>
        <source>The folder &apos;%1&apos; is not writable.</source>
        <translation>폴더 &apos;%1&apos;에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Scheduled report not saved: %1</source>
        <translation>예약 보고서를 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Scheduled report not computed: %1</source>
        <translation>예약 보고서를 계산하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>hd::ScheduledExportsDialog</name>
    <message>
        <source>Scheduled Exports</source>
        <translation>예약 내보내기</translation>
    </message>
    <message>
        <source>Reports are saved into a folder after each complete period: daily exports cover yesterday, weekly ones last week (Monday to Sunday), monthly ones last month. Helpdesk must be running; after a longer pause only the last complete period is saved.</source>
        <translation>완료된 기간마다 보고서를 폴더에 저장합니다. 매일 내보내기는 어제, 매주 내보내기는 지난주(월요일~일요일), 매월 내보내기는 지난달을 담습니다. Helpdesk가 실행 중이어야 하며, 오래 꺼져 있었다면 마지막으로 완료된 기간만 저장합니다.</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>주기</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Last period saved</source>
        <translation>마지막으로 저장한 기간</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Choose Folder…</source>
        <translation>폴더 선택(&amp;C)…</translation>
    </message>
    <message>
        <source>OK replaces the saved list with this one.</source>
        <translation>확인을 누르면 저장된 목록이 이 목록으로 바뀝니다.</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>매일</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>매주</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>매월</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>PDF (A4)</source>
        <translation>PDF (A4)</translation>
    </message>
    <message>
        <source>PDF (Letter)</source>
        <translation>PDF (Letter)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 ~ %2</translation>
    </message>
    <message>
        <source>Folder for Scheduled Reports</source>
        <translation>예약 보고서 폴더</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>%1행: %2</translation>
    </message>
</context>
<context>
    <name>hd::SearchIndex</name>
    <message>
        <source>Rebuilding the search index was cancelled.</source>
        <translation>검색 색인 재구성이 취소되었습니다.</translation>
    </message>
</context>
<context>
    <name>hd::Seeder</name>
    <message>
        <source>The number of tickets must be between 0 and 20,000,000.</source>
        <translation>티켓 수는 0에서 20,000,000 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Years of history must be between 1 and 20.</source>
        <translation>기록 연수는 1에서 20 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Cannot read the ticket counters.</source>
        <translation>티켓 카운터를 읽을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>이 목록 보기</translation>
    </message>
</context>
<context>
    <name>hd::SignInDialog</name>
    <message>
        <source>Connect to Server</source>
        <translation>서버에 연결</translation>
    </message>
    <message>
        <source>Sign in to your team&apos;s Helpdesk server. This desktop then keeps a copy of the team&apos;s tickets, works offline and sends your changes when the server can be reached.</source>
        <translation>팀의 Helpdesk 서버에 로그인하세요. 이 컴퓨터에 팀 티켓의 사본을 두고 오프라인에서도 작업하며, 서버에 연결되면 변경 사항을 보냅니다.</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>서버 주소(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>이메일(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>비밀번호(&amp;P):</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>로그인 중…</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>로그인(&amp;S)</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Enter one such as https://helpdesk.example.com or http://192.168.0.10:8080.</source>
        <translation>“%1”은(는) 서버 주소가 아닙니다. https://helpdesk.example.com 또는 http://192.168.0.10:8080 같은 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>이메일과 비밀번호를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check the address and your connection.</source>
        <translation>%1이(가) 제시간에 응답하지 않았습니다. 주소와 네트워크 연결을 확인하세요.</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1에 연결할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The email or password is not right.</source>
        <translation>이메일 또는 비밀번호가 올바르지 않습니다.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s).</source>
        <translation>
            <numerusform>로그인 실패가 너무 많습니다. %n초 후에 다시 시도하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Try again in a minute.</source>
        <translation>로그인 실패가 너무 많습니다. 1분 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>%1 answered, but not as a Helpdesk server does. Check the address.</source>
        <translation>%1이(가) 응답했지만 Helpdesk 서버의 응답이 아닙니다. 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>The server answered %1: %2</source>
        <translation>서버 응답 %1: %2</translation>
    </message>
    <message>
        <source>Signed in, but the sign-in could not be kept on this computer: %1</source>
        <translation>로그인했지만 이 컴퓨터에 로그인 정보를 저장하지 못했습니다: %1</translation>
    </message>
</context>
<context>
    <name>hd::SlaClocksView</name>
    <message>
        <source>less than a minute</source>
        <translation>1분 미만</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1시간</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1일 %2시간</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1일</translation>
    </message>
    <message>
        <source>%1: no target</source>
        <translation>%1: 목표 없음</translation>
    </message>
    <message>
        <source>%1: %2 left</source>
        <translation>%1: %2 남음</translation>
    </message>
    <message>
        <source>%1: due %2 (%3 left)</source>
        <translation>%1: 기한 %2 (%3 남음)</translation>
    </message>
    <message>
        <source>%1: paused while waiting on the customer (%2 left)</source>
        <translation>%1: 고객 응답 대기로 일시 정지 (%2 남음)</translation>
    </message>
    <message>
        <source>%1: met %2</source>
        <translation>%1: %2 달성</translation>
    </message>
    <message>
        <source>%1: missed by %2 (due %3)</source>
        <translation>%1: %2 초과로 미달성 (기한 %3)</translation>
    </message>
    <message>
        <source>%1: overdue by %2 (was due %3)</source>
        <translation>%1: %2 지남 (기한 %3)</translation>
    </message>
    <message>
        <source>Target: %1 of business time</source>
        <translation>목표: 업무 시간 기준 %1</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>첫 응답</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>해결</translation>
    </message>
</context>
<context>
    <name>hd::SlaPolicy</name>
    <message>
        <source>The SLA policy has no id (&quot;id&quot;)</source>
        <translation>SLA 정책에 ID(&quot;id&quot;)가 없습니다</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot; has no name (&quot;name&quot;)</source>
        <translation>SLA 정책 &quot;%1&quot;에 이름(&quot;name&quot;)이 없습니다</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: &quot;calendarTime&quot; must be true or false</source>
        <translation>SLA 정책 &quot;%1&quot;: &quot;calendarTime&quot;은 true 또는 false여야 합니다</translation>
    </message>
    <message>
        <source>Calendar of SLA policy &quot;%1&quot;: %2</source>
        <translation>SLA 정책 &quot;%1&quot;의 캘린더: %2</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot; needs a &quot;calendar&quot; object (or &quot;calendarTime&quot;: true)</source>
        <translation>SLA 정책 &quot;%1&quot;에는 &quot;calendar&quot; 객체(또는 &quot;calendarTime&quot;: true)가 필요합니다</translation>
    </message>
    <message>
        <source>Calendar of SLA policy &quot;%1&quot; has no working hours, so its clocks would never run</source>
        <translation>SLA 정책 &quot;%1&quot;의 캘린더에 업무 시간이 없어 시간이 측정되지 않습니다</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: &quot;targets&quot; must be an object keyed by priority</source>
        <translation>SLA 정책 &quot;%1&quot;: &quot;targets&quot;는 우선순위를 키로 하는 객체여야 합니다</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: unknown priority &quot;%2&quot; (expected urgent, high, normal or low)</source>
        <translation>SLA 정책 &quot;%1&quot;: 알 수 없는 우선순위 &quot;%2&quot;(urgent, high, normal, low 중 하나여야 함)</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: targets of &quot;%2&quot; must be an object</source>
        <translation>SLA 정책 &quot;%1&quot;: &quot;%2&quot;의 목표는 객체여야 합니다</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: unknown target &quot;%2&quot; for &quot;%3&quot; (expected firstResponse or resolution)</source>
        <translation>SLA 정책 &quot;%1&quot;: &quot;%3&quot;에 알 수 없는 목표 &quot;%2&quot;이(가) 있습니다(firstResponse 또는 resolution이어야 함)</translation>
    </message>
    <message>
        <source>SLA policy &quot;%1&quot;: target &quot;%2&quot; of &quot;%3&quot; must be a whole number of seconds from 0 to %4</source>
        <translation>SLA 정책 &quot;%1&quot;: &quot;%3&quot;의 목표 &quot;%2&quot;은(는) 0에서 %4 사이의 정수(초)여야 합니다</translation>
    </message>
</context>
<context>
    <name>hd::SplitDialog</name>
    <message>
        <source>Split ticket</source>
        <translation>티켓 분할</translation>
    </message>
    <message>
        <source>Tick the messages that belong to a separate matter. They move to a new ticket with the same requester; the rest stays here.</source>
        <translation>별도의 문의에 해당하는 메시지를 선택하세요. 선택한 메시지는 같은 요청자의 새 티켓으로 옮겨지고, 나머지는 여기에 남습니다.</translation>
    </message>
    <message>
        <source>%1 (internal note)</source>
        <translation>%1 (내부 메모)</translation>
    </message>
    <message>
        <source>Split into a new ticket</source>
        <translation>새 티켓으로 분할</translation>
    </message>
</context>
<context>
    <name>hd::SyncStatusWidget</name>
    <message>
        <source>Signed out</source>
        <translation>로그아웃됨</translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again</source>
        <translation>서버에서 로그아웃됨: 다시 로그인하세요</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화 중…</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n change(s) waiting</source>
        <translation>
            <numerusform>%1 · 변경 %n건 대기</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected to a server: File → Connect to Server…</source>
        <translation>서버에 연결되지 않음: 파일 → 서버에 연결…</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>마지막 오류: %1</translation>
    </message>
    <message>
        <source>Up to date with the server.</source>
        <translation>서버와 최신 상태입니다.</translation>
    </message>
    <message>
        <source>Sending your changes and fetching the team&apos;s.</source>
        <translation>내 변경 사항을 보내고 팀의 변경 사항을 받는 중입니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>변경 %n건 거부됨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>알림 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Show what the server refused or overwrote</source>
        <translation>서버가 거부하거나 덮어쓴 변경 보기</translation>
    </message>
</context>
<context>
    <name>hd::TicketDetail</name>
    <message>
        <source>Select a ticket to see its conversation.</source>
        <translation>티켓을 선택하면 대화가 표시됩니다.</translation>
    </message>
    <message>
        <source>The ticket could not be opened: %1</source>
        <translation>티켓을 열 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>hd::TicketHeader</name>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>미배정</translation>
    </message>
    <message>
        <source>%1 (me)</source>
        <translation>%1 (나)</translation>
    </message>
    <message>
        <source>The change was not saved: %1</source>
        <translation>변경 사항을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>상태(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>우선순위(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>분류(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>담당자(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>태그(&amp;T)</translation>
    </message>
    <message>
        <source>Take it</source>
        <translation>내가 맡기</translation>
    </message>
    <message>
        <source>Assign this ticket to yourself</source>
        <translation>이 티켓을 나에게 배정</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>태그 (쉼표로 구분)</translation>
    </message>
    <message>
        <source>#%1 · %2 · created %3 · updated %4</source>
        <translation>#%1 · %2 · 생성 %3 · 업데이트 %4</translation>
    </message>
</context>
<context>
    <name>hd::TicketListModel</name>
    <message>
        <source>No SLA clock is running.</source>
        <translation>실행 중인 SLA 시계가 없습니다.</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>%1부터 기한 초과</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>기한: %1</translation>
    </message>
</context>
<context>
    <name>hd::TicketQuery</name>
    <message>
        <source>The search &apos;%1&apos; has no searchable words.</source>
        <translation>검색어 &apos;%1&apos;에 검색할 수 있는 단어가 없습니다.</translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 상태 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Unknown priority &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 우선순위 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Unknown channel &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 채널 &apos;%1&apos;입니다. 다음 중 하나를 사용하세요: %2.</translation>
    </message>
    <message>
        <source>Direction must be inbound or outbound.</source>
        <translation>방향은 inbound 또는 outbound여야 합니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a date (expected e.g. 2025-03-01T00:00:00Z).</source>
        <translation>&apos;%1&apos;은(는) 날짜가 아닙니다(예: 2025-03-01T00:00:00Z).</translation>
    </message>
</context>
<context>
    <name>hd::TicketSearch</name>
    <message>
        <source>The search &apos;%1&apos; has no searchable words.</source>
        <translation>검색어 &apos;%1&apos;에 검색할 수 있는 단어가 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::TicketStore</name>
    <message>
        <source>No message with id %1.</source>
        <translation>ID가 %1인 메시지가 없습니다.</translation>
    </message>
    <message>
        <source>A ticket cannot be merged into itself.</source>
        <translation>티켓을 자기 자신에게 병합할 수 없습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 was already merged.</source>
        <translation>티켓 #%1은(는) 이미 병합되었습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 is closed; merge into an open ticket instead.</source>
        <translation>티켓 #%1은(는) 닫혔습니다. 대신 열려 있는 티켓에 병합하세요.</translation>
    </message>
    <message>
        <source>Ticket #%1 is closed and cannot be split.</source>
        <translation>티켓 #%1은(는) 닫혀 있어 분리할 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose the messages that become the new ticket.</source>
        <translation>새 티켓으로 옮길 메시지를 선택하세요.</translation>
    </message>
    <message>
        <source>Message %1 does not belong to ticket #%2.</source>
        <translation>메시지 %1은(는) 티켓 #%2에 속하지 않습니다.</translation>
    </message>
    <message>
        <source>At least one message must stay in ticket #%1.</source>
        <translation>티켓 #%1에 메시지가 하나 이상 남아 있어야 합니다.</translation>
    </message>
    <message>
        <source>An archive cut-off date is required.</source>
        <translation>보관 기준 날짜가 필요합니다.</translation>
    </message>
    <message>
        <source>Could not allocate a ticket number.</source>
        <translation>티켓 번호를 할당할 수 없습니다.</translation>
    </message>
    <message>
        <source>No ticket with id %1.</source>
        <translation>ID가 %1인 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>No ticket &apos;%1&apos;: give a ticket number (e.g. 1042) or its UUID.</source>
        <translation>티켓 &apos;%1&apos;이(가) 없습니다. 티켓 번호(예: 1042)나 UUID를 입력하세요.</translation>
    </message>
    <message>
        <source>A ticket needs a subject.</source>
        <translation>티켓에는 제목이 필요합니다.</translation>
    </message>
    <message>
        <source>The subject is %1 characters long; the limit is %2.</source>
        <translation>제목이 %1자입니다. 최대 %2자까지 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>The message is %1 characters long; the limit is %2.</source>
        <translation>메시지가 %1자입니다. 최대 %2자까지 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a UUID.</source>
        <translation>&apos;%1&apos;은(는) UUID가 아닙니다.</translation>
    </message>
    <message>
        <source>The requester, assignee, team or category does not exist.</source>
        <translation>요청자, 담당자, 팀 또는 분류가 존재하지 않습니다.</translation>
    </message>
    <message>
        <source>A ticket with UUID %1 exists.</source>
        <translation>UUID가 %1인 티켓이 이미 있습니다.</translation>
    </message>
    <message>
        <source>An empty message cannot be added.</source>
        <translation>빈 메시지는 추가할 수 없습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 is closed and takes no more messages; create a follow-up ticket instead.</source>
        <translation>티켓 #%1은(는) 닫혀 있어 더 이상 메시지를 추가할 수 없습니다. 대신 후속 티켓을 만드세요.</translation>
    </message>
    <message>
        <source>Customers cannot write internal notes.</source>
        <translation>고객은 내부 메모를 작성할 수 없습니다.</translation>
    </message>
    <message>
        <source>A message with UUID %1 exists.</source>
        <translation>UUID가 %1인 메시지가 이미 있습니다.</translation>
    </message>
    <message>
        <source>Ticket #%1 has no assignee; assign an agent to make it assigned.</source>
        <translation>티켓 #%1에 담당자가 없습니다. 진행 중 상태로 바꾸려면 상담원을 배정하세요.</translation>
    </message>
    <message>
        <source>Ticket #%1 is closed; its assignee can no longer change.</source>
        <translation>티켓 #%1은(는) 닫혀 있어 담당자를 더 이상 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>No agent with id %1.</source>
        <translation>ID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>Agent %1 is deactivated.</source>
        <translation>상담원 %1은(는) 비활성화되었습니다.</translation>
    </message>
    <message>
        <source>No category with id %1.</source>
        <translation>ID가 %1인 분류가 없습니다.</translation>
    </message>
    <message>
        <source>A subject must have 1 to %1 characters.</source>
        <translation>제목은 1~%1자여야 합니다.</translation>
    </message>
    <message>
        <source>A satisfaction rating is 1 to 5, not %1.</source>
        <translation>만족도 평가는 1~5 사이여야 합니다(입력값: %1).</translation>
    </message>
    <message>
        <source>Ticket #%1 can be rated once it is solved.</source>
        <translation>티켓 #%1은(는) 해결된 후에 평가할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>hd::Workflow</name>
    <message>
        <source>The ticket is already %1 (%2).</source>
        <translation>티켓이 이미 %1 상태입니다(%2).</translation>
    </message>
    <message>
        <source>Cannot change status from closed to %1: closed tickets are final; create a follow-up ticket instead.</source>
        <translation>닫힘 상태에서 %1(으)로 변경할 수 없습니다. 닫힌 티켓은 최종 상태이므로 대신 후속 티켓을 만드세요.</translation>
    </message>
    <message>
        <source>Cannot change status from %1 to %2; allowed from %1: %3.</source>
        <translation>%1에서 %2(으)로 상태를 변경할 수 없습니다. %1에서 변경 가능한 상태: %3.</translation>
    </message>
</context>
<context>
    <name>hd::chat::ChannelTalkParser</name>
    <message>
        <source>Expected &quot;%1&quot; to be a string.</source>
        <translation>&quot;%1&quot;은(는) 문자열이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected a non-empty string &quot;%1&quot;.</source>
        <translation>&quot;%1&quot;은(는) 비어 있지 않은 문자열이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot; to be epoch milliseconds (a whole number of 13 digits), got %2.</source>
        <translation>&quot;%1&quot;은(는) 에포크 밀리초(13자리 정수)여야 하지만 %2입니다.</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot; to be an array of strings.</source>
        <translation>&quot;%1&quot;은(는) 문자열 배열이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected a userChat object.</source>
        <translation>userChat 객체가 필요합니다.</translation>
    </message>
    <message>
        <source>Expected a message object.</source>
        <translation>메시지 객체가 필요합니다.</translation>
    </message>
    <message>
        <source>Expected &quot;createdAt&quot; in epoch milliseconds.</source>
        <translation>&quot;createdAt&quot;은(는) 에포크 밀리초여야 합니다.</translation>
    </message>
    <message>
        <source>A message of a &quot;%1&quot; chat, not of a userChat.</source>
        <translation>userChat이 아닌 &quot;%1&quot; 채팅의 메시지입니다.</translation>
    </message>
    <message>
        <source>Expected &quot;personType&quot; to be user, manager or bot.</source>
        <translation>&quot;personType&quot;은(는) user, manager 또는 bot이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot; to be an array.</source>
        <translation>&quot;%1&quot;은(는) 배열이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected a person object.</source>
        <translation>person 객체가 필요합니다.</translation>
    </message>
    <message>
        <source>Expected &quot;%1&quot; to be an object.</source>
        <translation>&quot;%1&quot;은(는) 객체여야 합니다.</translation>
    </message>
    <message>
        <source>Expected a JSON object (a ChannelTalk response or webhook body).</source>
        <translation>JSON 객체(채널톡 응답 또는 웹훅 본문)가 필요합니다.</translation>
    </message>
    <message>
        <source>Unsupported webhook type &quot;%1&quot;; expected message, userChat, user or manager.</source>
        <translation>지원하지 않는 웹훅 유형 &quot;%1&quot;입니다. message, userChat, user 또는 manager여야 합니다.</translation>
    </message>
    <message>
        <source>Not a ChannelTalk document: expected userChats, messages, users, managers or a webhook body.</source>
        <translation>채널톡 문서가 아닙니다. userChats, messages, users, managers 또는 웹훅 본문이 필요합니다.</translation>
    </message>
    <message>
        <source>Invalid JSON at byte %1 (line %2, column %3): %4.</source>
        <translation>%1바이트 위치(%2번 줄, %3번 열)의 JSON이 잘못되었습니다: %4.</translation>
    </message>
    <message>
        <source>The input holds no JSON document.</source>
        <translation>입력에 JSON 문서가 없습니다.</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>%1 파일이 없습니다.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB.</source>
        <translation>%1의 크기가 %2MB를 초과합니다.</translation>
    </message>
</context>
<context>
    <name>hd::chat::ChatImporter</name>
    <message>
        <source>The conversation needs a name to be imported.</source>
        <translation>대화를 가져오려면 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>A system line outside any conversation; no ticket to keep it in.</source>
        <translation>어느 대화에도 속하지 않는 시스템 메시지입니다. 저장할 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>%1 channel account</source>
        <translation>%1 채널 계정</translation>
    </message>
    <message>
        <source>Conversation on %1</source>
        <translation>%1 대화</translation>
    </message>
    <message>
        <source>Ticket #%1 is closed; the new messages of its conversation were not added.</source>
        <translation>티켓 #%1이(가) 종료된 상태이므로 해당 대화의 새 메시지를 추가하지 않았습니다.</translation>
    </message>
    <message>
        <source>The import was cancelled after %1 of %2 conversations; importing the file again continues it.</source>
        <translation>대화 %2개 중 %1개를 가져온 후 가져오기가 취소되었습니다. 파일을 다시 가져오면 이어서 진행합니다.</translation>
    </message>
    <message>
        <source>This database is a replica of a team server: import chats on the server (helpdesk-cli --db &lt;server database&gt; import ...), so that every desktop gets them.</source>
        <translation>이 데이터베이스는 팀 서버의 복제본입니다. 모든 데스크톱이 받을 수 있도록 채팅은 서버에서 가져오세요(helpdesk-cli --db &lt;서버 데이터베이스&gt; import ...).</translation>
    </message>
</context>
<context>
    <name>hd::chat::CsvChatReader</name>
    <message>
        <source>&apos;%1&apos; is not FIELD=COLUMN (e.g. time=Date).</source>
        <translation>&apos;%1&apos;은(는) FIELD=COLUMN 형식이 아닙니다 (예: time=Date).</translation>
    </message>
    <message>
        <source>Unknown field &apos;%1&apos;; use time, text, sender, conversation or role.</source>
        <translation>알 수 없는 항목 &apos;%1&apos;입니다. time, text, sender, conversation 또는 role을 사용하세요.</translation>
    </message>
    <message>
        <source>The mapping needs at least time=... and text=....</source>
        <translation>열 지정에는 최소한 time=...과 text=...가 필요합니다.</translation>
    </message>
    <message>
        <source>The CSV file has no header row.</source>
        <translation>CSV 파일에 머리글 행이 없습니다.</translation>
    </message>
    <message>
        <source>No column &apos;%1&apos; in the header (%2).</source>
        <translation>머리글에 &apos;%1&apos; 열이 없습니다 (%2).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time in any of the formats %2.</source>
        <translation>&apos;%1&apos;은(는) 다음 형식 중 어느 것의 시각도 아닙니다: %2.</translation>
    </message>
</context>
<context>
    <name>hd::chat::FileImporter</name>
    <message>
        <source>The pause and the longest open time cannot be negative.</source>
        <translation>대화 공백과 최대 진행 시간은 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a readable file.</source>
        <translation>&apos;%1&apos;은(는) 읽을 수 있는 파일이 아닙니다.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 파일을 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 GB and cannot be imported.</source>
        <translation>%1 파일이 1GB보다 커서 가져올 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is empty: it holds no text.</source>
        <translation>%1 파일이 비어 있습니다. 글자가 하나도 없습니다.</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MB.</source>
        <translation>%1 파일이 %2MB보다 큽니다.</translation>
    </message>
    <message>
        <source>Cannot tell what kind of export %1 is: it is not JSON (ChannelTalk), not a KakaoTalk export (%2), and its first line names no time and message columns of a CSV file.</source>
        <translation>%1 파일이 어떤 내보내기 파일인지 알 수 없습니다. JSON(채널톡)이 아니고, 카카오톡 내보내기 파일도 아니며(%2), 첫 줄에 CSV 파일의 시간 열과 메시지 열 이름도 없습니다.</translation>
    </message>
    <message>
        <source>Cannot tell which columns of %1 hold the time and the message; give a mapping such as time=Date,sender=User,text=Message.</source>
        <translation>%1 파일에서 어느 열이 시간과 메시지인지 알 수 없습니다. time=Date,sender=User,text=Message처럼 열 대응을 지정하세요.</translation>
    </message>
</context>
<context>
    <name>hd::chat::KakaoParser</name>
    <message>
        <source>Parsing cancelled.</source>
        <translation>구문 분석이 취소되었습니다.</translation>
    </message>
    <message>
        <source>Text before the first message: expected the title, the saved-at line, a date line or a message line.</source>
        <translation>첫 메시지 앞에 텍스트가 있습니다. 제목, 저장 일시 줄, 날짜 줄 또는 메시지 줄이어야 합니다.</translation>
    </message>
    <message>
        <source>Text after a date line that belongs to no message: expected a message line.</source>
        <translation>날짜 줄 다음에 어느 메시지에도 속하지 않는 텍스트가 있습니다. 메시지 줄이어야 합니다.</translation>
    </message>
    <message>
        <source>Part of the unreadable row that starts on line %1.</source>
        <translation>%1번 줄에서 시작하는 읽을 수 없는 행의 일부입니다.</translation>
    </message>
    <message>
        <source>Expected a row of date (yyyy-MM-dd HH:mm:ss), user and message.</source>
        <translation>날짜(yyyy-MM-dd HH:mm:ss), 사용자, 메시지로 이루어진 행이어야 합니다.</translation>
    </message>
    <message>
        <source>Not read: the quotes of the rows above do not pair up.</source>
        <translation>읽지 않음: 위 행들의 따옴표 짝이 맞지 않습니다.</translation>
    </message>
    <message>
        <source>A quoted field starts here and is never closed; the next lines are read anew.</source>
        <translation>따옴표로 묶인 필드가 여기서 시작되었지만 닫히지 않았습니다. 다음 줄부터 새로 읽습니다.</translation>
    </message>
    <message>
        <source>The file is too large to import.</source>
        <translation>파일이 너무 커서 가져올 수 없습니다.</translation>
    </message>
    <message>
        <source>The file is empty: it holds no text.</source>
        <translation>파일이 비어 있습니다. 텍스트가 없습니다.</translation>
    </message>
    <message>
        <source>Unknown export format &quot;%1&quot;; known formats: %2.</source>
        <translation>알 수 없는 내보내기 형식 &quot;%1&quot;입니다. 지원되는 형식: %2.</translation>
    </message>
    <message>
        <source>The file is not UTF-8 text, and this system has no CP949/EUC-KR decoder to read it as Korean legacy text.</source>
        <translation>파일이 UTF-8 텍스트가 아니며, 이 시스템에는 기존 한국어 인코딩 텍스트로 읽을 CP949/EUC-KR 디코더가 없습니다.</translation>
    </message>
    <message>
        <source>This is not a KakaoTalk chat export: none of its first %1 lines is a message or date line of a known layout (read as %2).</source>
        <translation>카카오톡 대화 내보내기 파일이 아닙니다. 처음 %1줄 중 알려진 형식의 메시지 줄이나 날짜 줄이 없습니다(%2(으)로 읽음).</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 GB and cannot be imported.</source>
        <translation>%1의 크기가 1GB를 초과하여 가져올 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::csv</name>
    <message>
        <source>A quoted field that starts on this line is never closed; the rest of the text was read into it.</source>
        <translation>이 줄에서 시작된 따옴표 필드가 닫히지 않아 나머지 텍스트를 모두 이 필드로 읽었습니다.</translation>
    </message>
</context>
<context>
    <name>hd::dashboard::Format</name>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1일</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>new this period</source>
        <translation>이번 기간 신규</translation>
    </message>
    <message>
        <source>no change vs previous period</source>
        <translation>이전 기간과 같음</translation>
    </message>
    <message>
        <source>%1 vs previous period</source>
        <translation>이전 기간 대비 %1</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1%p</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>첫 응답</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>해결 시간</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>SLA 준수율</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>재오픈</translation>
    </message>
    <message>
        <source>Satisfaction (CSAT)</source>
        <translation>만족도 (CSAT)</translation>
    </message>
    <message>
        <source>%1 inbound, %2 outbound</source>
        <translation>인바운드 %1건, 아웃바운드 %2건</translation>
    </message>
    <message>
        <source>Median in business hours. Mean %1; in calendar time: median %2</source>
        <translation>업무 시간 기준 중앙값. 평균 %1, 달력 시간 기준 중앙값 %2</translation>
    </message>
    <message>
        <source>%1 of the resolved tickets were rated (%2 ratings)</source>
        <translation>해결된 티켓의 %1이 평가됨 (평가 %2건)</translation>
    </message>
</context>
<context>
    <name>hd::reporting::ExportSchedule</name>
    <message>
        <source>Scheduled export %1: %2</source>
        <translation>예약 내보내기 %1: %2</translation>
    </message>
    <message>
        <source>the filter is not an object</source>
        <translation>필터가 객체가 아닙니다</translation>
    </message>
    <message>
        <source>unknown filter &apos;%1&apos;</source>
        <translation>알 수 없는 필터 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>bad value of the filter &apos;%1&apos;</source>
        <translation>필터 &apos;%1&apos;의 값이 잘못되었습니다</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>객체가 아닙니다</translation>
    </message>
    <message>
        <source>the id is missing</source>
        <translation>id가 없습니다</translation>
    </message>
    <message>
        <source>the frequency must be daily, weekly or monthly</source>
        <translation>주기는 daily, weekly, monthly 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>the format must be csv, pdf-a4 or pdf-letter</source>
        <translation>형식은 csv, pdf-a4, pdf-letter 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>the folder is missing</source>
        <translation>폴더가 없습니다</translation>
    </message>
    <message>
        <source>the last export date is not YYYY-MM-DD</source>
        <translation>마지막 내보내기 날짜가 YYYY-MM-DD 형식이 아닙니다</translation>
    </message>
    <message>
        <source>The scheduled exports are not valid JSON (at %1: %2).</source>
        <translation>예약 내보내기 설정이 올바른 JSON이 아닙니다(위치 %1: %2).</translation>
    </message>
    <message>
        <source>The scheduled exports are not a JSON array.</source>
        <translation>예약 내보내기 설정이 JSON 배열이 아닙니다.</translation>
    </message>
    <message>
        <source>the id &apos;%1&apos; is used twice</source>
        <translation>id &apos;%1&apos;이(가) 두 번 쓰였습니다</translation>
    </message>
</context>
<context>
    <name>hd::reporting::Figures</name>
    <message>
        <source>Created</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Solved</source>
        <translation>해결</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>재오픈</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>첫 응답</translation>
    </message>
    <message>
        <source>First response SLA breached</source>
        <translation>첫 응답 SLA 위반</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>해결 완료</translation>
    </message>
    <message>
        <source>Resolution SLA breached</source>
        <translation>해결 SLA 위반</translation>
    </message>
    <message>
        <source>Reopened before</source>
        <translation>재오픈 이력 있음</translation>
    </message>
    <message>
        <source>Rated</source>
        <translation>평가됨</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>만족</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>불만족</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>해결 시간</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>인바운드</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>아웃바운드</translation>
    </message>
    <message>
        <source>Backlog at start</source>
        <translation>기간 시작 시 미해결</translation>
    </message>
    <message>
        <source>Backlog at end</source>
        <translation>기간 종료 시 미해결</translation>
    </message>
    <message>
        <source>First response, mean</source>
        <translation>첫 응답 시간 평균</translation>
    </message>
    <message>
        <source>First response, median</source>
        <translation>첫 응답 시간 중앙값</translation>
    </message>
    <message>
        <source>First response, 90th percentile</source>
        <translation>첫 응답 시간 90번째 백분위수</translation>
    </message>
    <message>
        <source>First response, business hours, mean</source>
        <translation>첫 응답 시간(업무 시간) 평균</translation>
    </message>
    <message>
        <source>First response, business hours, median</source>
        <translation>첫 응답 시간(업무 시간) 중앙값</translation>
    </message>
    <message>
        <source>First response, business hours, 90th percentile</source>
        <translation>첫 응답 시간(업무 시간) 90번째 백분위수</translation>
    </message>
    <message>
        <source>Resolution, mean</source>
        <translation>해결 시간 평균</translation>
    </message>
    <message>
        <source>Resolution, median</source>
        <translation>해결 시간 중앙값</translation>
    </message>
    <message>
        <source>Resolution, 90th percentile</source>
        <translation>해결 시간 90번째 백분위수</translation>
    </message>
    <message>
        <source>Resolution, business hours, mean</source>
        <translation>해결 시간(업무 시간) 평균</translation>
    </message>
    <message>
        <source>Resolution, business hours, median</source>
        <translation>해결 시간(업무 시간) 중앙값</translation>
    </message>
    <message>
        <source>Resolution, business hours, 90th percentile</source>
        <translation>해결 시간(업무 시간) 90번째 백분위수</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>SLA 준수율</translation>
    </message>
    <message>
        <source>First response SLA compliance</source>
        <translation>첫 응답 SLA 준수율</translation>
    </message>
    <message>
        <source>Resolution SLA compliance</source>
        <translation>해결 SLA 준수율</translation>
    </message>
    <message>
        <source>Reopen rate</source>
        <translation>재오픈 비율</translation>
    </message>
    <message>
        <source>CSAT score (4-5 of 5)</source>
        <translation>CSAT 점수(5점 중 4~5점 비율)</translation>
    </message>
    <message>
        <source>CSAT, mean rating</source>
        <translation>CSAT 평균 평점</translation>
    </message>
    <message>
        <source>CSAT response rate</source>
        <translation>CSAT 응답률</translation>
    </message>
    <message>
        <source>CSAT responses</source>
        <translation>CSAT 응답 수</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1분</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1일 %2시간</translation>
    </message>
    <message>
        <source>Could not write &apos;%1&apos;: %2</source>
        <translation>&apos;%1&apos;을(를) 저장할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>hd::reporting::ReportBuilder</name>
    <message>
        <source>A report needs a valid period.</source>
        <translation>보고서에는 올바른 기간이 필요합니다.</translation>
    </message>
    <message>
        <source>The period ends (%1) before it starts (%2).</source>
        <translation>기간의 끝(%1)이 시작(%2)보다 앞섭니다.</translation>
    </message>
    <message>
        <source>A report covers at most ten years.</source>
        <translation>보고서는 최대 10년까지만 다룰 수 있습니다.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(미배정)</translation>
    </message>
</context>
<context>
    <name>hd::reporting::SpikeDetector</name>
    <message>
        <source>(no category)</source>
        <translation>(카테고리 없음)</translation>
    </message>
</context>
<context>
    <name>hd::server::Accounts</name>
    <message>
        <source>Wrong email or password.</source>
        <translation>이메일 또는 비밀번호가 틀렸습니다.</translation>
    </message>
    <message>
        <source>A password needs at least %1 characters.</source>
        <translation>비밀번호는 %1자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>A password can have at most %1 bytes.</source>
        <translation>비밀번호는 최대 %1바이트까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address.</source>
        <translation>&apos;%1&apos;은(는) 이메일 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>An account needs a name.</source>
        <translation>계정에는 이름이 있어야 합니다.</translation>
    </message>
    <message>
        <source>An account with the email %1 exists.</source>
        <translation>이메일 %1을(를) 쓰는 계정이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The password could not be hashed.</source>
        <translation>비밀번호를 해시하지 못했습니다.</translation>
    </message>
    <message>
        <source>No agent with id %1.</source>
        <translation>ID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>The sign-in token is invalid or expired.</source>
        <translation>로그인 토큰이 올바르지 않거나 만료되었습니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::Api</name>
    <message>
        <source>Send {&quot;email&quot;: string, &quot;password&quot;: string}.</source>
        <translation>{&quot;email&quot;: 문자열, &quot;password&quot;: 문자열} 형식으로 보내 주세요.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins; try again in %n second(s).</source>
        <translation>
            <numerusform>로그인 실패가 너무 많습니다. %n초 후에 다시 시도하세요.</numerusform>
        </translation>
    </message>
    <message>
        <source>Send {&quot;email&quot;: string, &quot;name&quot;: string, &quot;password&quot;: string, &quot;role&quot;: agent|manager|admin}.</source>
        <translation>{&quot;email&quot;: 문자열, &quot;name&quot;: 문자열, &quot;password&quot;: 문자열, &quot;role&quot;: agent|manager|admin} 형식으로 보내 주세요.</translation>
    </message>
    <message>
        <source>Unknown role &apos;%1&apos;; use agent, manager or admin.</source>
        <translation>알 수 없는 역할 &apos;%1&apos;입니다. agent, manager, admin 중 하나를 쓰세요.</translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos;; use one of: %2.</source>
        <translation>알 수 없는 상태 &apos;%1&apos;입니다. 다음 중 하나를 쓰세요: %2.</translation>
    </message>
    <message>
        <source>limit must be a number from 1 to %1.</source>
        <translation>limit은 1에서 %1 사이의 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>after must be the next_cursor of an earlier page.</source>
        <translation>after에는 이전 페이지의 next_cursor 값을 넣어야 합니다.</translation>
    </message>
    <message>
        <source>No ticket number %1.</source>
        <translation>번호가 %1인 티켓이 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::AttachmentsApi</name>
    <message>
        <source>An attachment is named by its SHA-256: 64 lower-case hexadecimal digits.</source>
        <translation>첨부 파일은 SHA-256(소문자 16진수 64자리)으로 지정합니다.</translation>
    </message>
    <message>
        <source>Send Content-Range: bytes START-END/TOTAL (END below TOTAL) with the chunk.</source>
        <translation>조각과 함께 Content-Range: bytes START-END/TOTAL (END는 TOTAL보다 작게)을 보내세요.</translation>
    </message>
    <message>
        <source>The attachment is larger than the limit of %1 bytes.</source>
        <translation>첨부 파일이 제한인 %1바이트보다 큽니다.</translation>
    </message>
    <message>
        <source>A chunk may hold at most %1 bytes.</source>
        <translation>조각 하나는 최대 %1바이트까지 담을 수 있습니다.</translation>
    </message>
    <message>
        <source>The body has %1 bytes; Content-Range announces %2.</source>
        <translation>본문은 %1바이트인데 Content-Range는 %2바이트라고 합니다.</translation>
    </message>
    <message>
        <source>This upload continues at byte %1.</source>
        <translation>이 업로드는 %1바이트부터 이어서 보내야 합니다.</translation>
    </message>
    <message>
        <source>The uploaded bytes do not have the SHA-256 %1; nothing was kept.</source>
        <translation>업로드한 내용의 SHA-256이 %1과(와) 다릅니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server does not have the attachment %1.</source>
        <translation>서버에 첨부 파일 %1이(가) 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::DbCopy</name>
    <message>
        <source>The source has no table %1.</source>
        <translation>원본에 %1 테이블이 없습니다.</translation>
    </message>
    <message>
        <source>The target database is not empty (its table %1 has rows); copy into a new database.</source>
        <translation>대상 데이터베이스가 비어 있지 않습니다(%1 테이블에 행이 있습니다). 새 데이터베이스로 복사하세요.</translation>
    </message>
    <message>
        <source>The databases have different schema versions (%1 and %2); open both with this version first.</source>
        <translation>두 데이터베이스의 스키마 버전이 다릅니다(%1, %2). 먼저 두 데이터베이스를 이 버전으로 여세요.</translation>
    </message>
</context>
<context>
    <name>hd::server::HttpAdapter</name>
    <message>
        <source>There is no WebSocket at %1.</source>
        <translation>%1에는 WebSocket이 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::NotifyHub</name>
    <message>
        <source>This is a WebSocket: connect with Upgrade: websocket.</source>
        <translation>WebSocket 주소입니다. Upgrade: websocket으로 연결하세요.</translation>
    </message>
    <message>
        <source>The first message must be {&quot;token&quot;: &quot;...&quot;} of at most %1 bytes.</source>
        <translation>첫 메시지는 %1바이트 이하의 {&quot;token&quot;: &quot;...&quot;}이어야 합니다.</translation>
    </message>
    <message>
        <source>Too many connections; try again later.</source>
        <translation>연결이 너무 많습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>Sign in again: the token is unknown, expired or revoked.</source>
        <translation>다시 로그인하세요. 토큰이 없거나 만료·폐기되었습니다.</translation>
    </message>
    <message>
        <source>The server could not check the token.</source>
        <translation>서버가 토큰을 확인하지 못했습니다.</translation>
    </message>
    <message>
        <source>Your role may not follow the change feed.</source>
        <translation>이 역할로는 변경 피드를 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>The server could not read the change feed.</source>
        <translation>서버가 변경 피드를 읽지 못했습니다.</translation>
    </message>
    <message>
        <source>Send {&quot;token&quot;: &quot;...&quot;} within %1 ms of connecting.</source>
        <translation>연결 후 %1ms 안에 {&quot;token&quot;: &quot;...&quot;}을 보내세요.</translation>
    </message>
</context>
<context>
    <name>hd::server::PushApi</name>
    <message>
        <source>Send {&quot;client_id&quot;: a string of 1 to %1 characters, &quot;ops&quot;: [operations]}.</source>
        <translation>{&quot;client_id&quot;: 1~%1자의 문자열, &quot;ops&quot;: [작업 목록]} 형식으로 보내 주세요.</translation>
    </message>
    <message>
        <source>A push takes at most %1 operations; this one has %2.</source>
        <translation>한 번의 푸시에는 작업을 최대 %1개까지 보낼 수 있습니다. 이 요청에는 %2개가 있습니다.</translation>
    </message>
    <message>
        <source>Each operation needs an op_id that is a UUID.</source>
        <translation>모든 작업에는 UUID 형식의 op_id가 있어야 합니다.</translation>
    </message>
    <message>
        <source>ticket_uuid must be a UUID.</source>
        <translation>ticket_uuid는 UUID여야 합니다.</translation>
    </message>
    <message>
        <source>kind must be a string.</source>
        <translation>kind는 문자열이어야 합니다.</translation>
    </message>
    <message>
        <source>payload must be a JSON object.</source>
        <translation>payload는 JSON 객체여야 합니다.</translation>
    </message>
    <message>
        <source>This op_id was used by another agent&apos;s operation.</source>
        <translation>이 op_id는 다른 상담원의 작업에 이미 사용되었습니다.</translation>
    </message>
    <message>
        <source>base must be a JSON object {field: value} or absent.</source>
        <translation>base는 {필드: 값} 형식의 JSON 객체이거나 없어야 합니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::PushOps</name>
    <message>
        <source>The server does not take &apos;%1&apos; operations yet.</source>
        <translation>서버는 아직 &apos;%1&apos; 작업을 받지 않습니다.</translation>
    </message>
    <message>
        <source>No ticket with UUID %1.</source>
        <translation>UUID가 %1인 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>payload.requester: %1</source>
        <translation>payload.requester: %1</translation>
    </message>
    <message>
        <source>payload.requester.email must be an email address.</source>
        <translation>payload.requester.email은 이메일 주소여야 합니다.</translation>
    </message>
    <message>
        <source>payload.uuid must be the message&apos;s UUID.</source>
        <translation>payload.uuid는 메시지의 UUID여야 합니다.</translation>
    </message>
    <message>
        <source>payload.assignee_uuid must be an agent&apos;s UUID or null.</source>
        <translation>payload.assignee_uuid는 상담원의 UUID 또는 null이어야 합니다.</translation>
    </message>
    <message>
        <source>No agent with UUID %1.</source>
        <translation>UUID가 %1인 상담원이 없습니다.</translation>
    </message>
    <message>
        <source>payload.assignee_uuid names a deactivated agent.</source>
        <translation>payload.assignee_uuid가 비활성화된 상담원을 가리킵니다.</translation>
    </message>
    <message>
        <source>payload.tags must be a list of 1 to %1 tags.</source>
        <translation>payload.tags는 태그 1~%1개의 목록이어야 합니다.</translation>
    </message>
    <message>
        <source>payload.tags must hold tags of 1 to %1 characters.</source>
        <translation>payload.tags의 각 태그는 1~%1자여야 합니다.</translation>
    </message>
    <message>
        <source>payload.category must be a category&apos;s name or null.</source>
        <translation>payload.category는 분류 이름 또는 null이어야 합니다.</translation>
    </message>
    <message>
        <source>No category named &apos;%1&apos;.</source>
        <translation>이름이 &apos;%1&apos;인 분류가 없습니다.</translation>
    </message>
    <message>
        <source>No team with UUID %1.</source>
        <translation>UUID가 %1인 팀이 없습니다.</translation>
    </message>
    <message>
        <source>payload.csat must be a whole number from 1 to 5.</source>
        <translation>payload.csat은 1에서 5 사이의 정수여야 합니다.</translation>
    </message>
    <message>
        <source>payload.target_uuid: no ticket with UUID %1.</source>
        <translation>payload.target_uuid: UUID가 %1인 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>payload.message_uuids must be a list of 1 to %1 message UUIDs.</source>
        <translation>payload.message_uuids는 메시지 UUID 1~%1개의 목록이어야 합니다.</translation>
    </message>
    <message>
        <source>payload.message_uuids: no message with UUID %1.</source>
        <translation>payload.message_uuids: UUID가 %1인 메시지가 없습니다.</translation>
    </message>
    <message>
        <source>payload.new_ticket_uuid: %1</source>
        <translation>payload.new_ticket_uuid: %1</translation>
    </message>
    <message>
        <source>Ticket #%1 is not closed; only closed tickets are archived.</source>
        <translation>티켓 #%1은(는) 닫히지 않았습니다. 닫힌 티켓만 보관할 수 있습니다.</translation>
    </message>
    <message>
        <source>payload.%1 is required.</source>
        <translation>payload.%1 값이 필요합니다.</translation>
    </message>
    <message>
        <source>payload.%1 &apos;%2&apos; is not one of: %3.</source>
        <translation>payload.%1의 &apos;%2&apos;은(는) 다음 값 중 하나가 아닙니다: %3.</translation>
    </message>
    <message>
        <source>payload.%1: %2</source>
        <translation>payload.%1: %2</translation>
    </message>
    <message>
        <source>payload.%1 must be a string.</source>
        <translation>payload.%1은(는) 문자열이어야 합니다.</translation>
    </message>
    <message>
        <source>payload.%1 is longer than %2 characters.</source>
        <translation>payload.%1이(가) %2자보다 깁니다.</translation>
    </message>
    <message>
        <source>payload.%1 must be a UUID.</source>
        <translation>payload.%1은(는) UUID여야 합니다.</translation>
    </message>
    <message>
        <source>payload.%1 must be a UUID or null.</source>
        <translation>payload.%1은(는) UUID 또는 null이어야 합니다.</translation>
    </message>
    <message>
        <source>payload.follow_up_of_uuid: no ticket with UUID %1.</source>
        <translation>payload.follow_up_of_uuid: UUID가 %1인 티켓이 없습니다.</translation>
    </message>
    <message>
        <source>payload.requester must be an object {uuid?, email?, name?, phone?}.</source>
        <translation>payload.requester는 {uuid?, email?, name?, phone?} 객체여야 합니다.</translation>
    </message>
    <message>
        <source>payload.requester needs the uuid of a known customer or an email.</source>
        <translation>payload.requester에는 서버에 있는 고객의 uuid나 이메일이 있어야 합니다.</translation>
    </message>
    <message>
        <source>No customer with UUID %1.</source>
        <translation>UUID가 %1인 고객이 없습니다.</translation>
    </message>
    <message>
        <source>payload.attachments must be a list of at most %1 files {sha256, file_name}.</source>
        <translation>payload.attachments는 파일 {sha256, file_name} 최대 %1개의 목록이어야 합니다.</translation>
    </message>
    <message>
        <source>payload.attachments must hold {sha256: 64 hex digits, file_name: 1 to %1 characters}.</source>
        <translation>payload.attachments의 각 항목은 {sha256: 16진수 64자리, file_name: 1~%1자}여야 합니다.</translation>
    </message>
    <message>
        <source>The attachment %1 is missing on the server: upload it (PUT /api/v1/attachments/%1) before the message that names it.</source>
        <translation>서버에 첨부 파일 %1이(가) 없습니다. 이 파일을 포함한 메시지보다 먼저 업로드(PUT /api/v1/attachments/%1)하세요.</translation>
    </message>
</context>
<context>
    <name>hd::server::Router</name>
    <message>
        <source>The server could not complete the request.</source>
        <translation>서버가 요청을 처리하지 못했습니다.</translation>
    </message>
    <message>
        <source>No such API route: %1</source>
        <translation>그런 API 경로가 없습니다: %1</translation>
    </message>
    <message>
        <source>Method not allowed here; use %1.</source>
        <translation>이 경로에서 허용되지 않는 메서드입니다. %1을(를) 쓰세요.</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes.</source>
        <translation>요청 본문이 %1바이트보다 큽니다.</translation>
    </message>
    <message>
        <source>Sign in first: send Authorization: Bearer &lt;token&gt;.</source>
        <translation>먼저 로그인하세요: Authorization: Bearer &lt;토큰&gt; 헤더를 보내야 합니다.</translation>
    </message>
    <message>
        <source>Your role (%1) may not do this.</source>
        <translation>현재 역할(%1)로는 이 작업을 할 수 없습니다.</translation>
    </message>
    <message>
        <source>The body is not valid JSON: %1 at offset %2.</source>
        <translation>본문이 올바른 JSON이 아닙니다: 위치 %2에서 %1</translation>
    </message>
    <message>
        <source>The body must be a JSON object.</source>
        <translation>본문은 JSON 객체여야 합니다.</translation>
    </message>
</context>
<context>
    <name>hd::server::Server</name>
    <message>
        <source>Cannot listen on %1:%2</source>
        <translation>%1:%2에서 연결을 받을 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>데이터베이스 %1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Cannot set up the change feed: %1</source>
        <translation>변경 피드를 준비할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Write a PostgreSQL database as postgresql://user@host:port/database.</source>
        <translation>PostgreSQL 데이터베이스는 postgresql://사용자@호스트:포트/데이터베이스 형식으로 쓰세요.</translation>
    </message>
</context>
<context>
    <name>hd::server::SyncApi</name>
    <message>
        <source>after must be 0 or the cursor of an earlier page of changes.</source>
        <translation>after에는 0 또는 이전 변경 페이지의 cursor 값을 넣어야 합니다.</translation>
    </message>
    <message>
        <source>limit must be a number from 1 to %1.</source>
        <translation>limit은 1에서 %1 사이의 숫자여야 합니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a ticket UUID.</source>
        <translation>&apos;%1&apos;은(는) 티켓 UUID가 아닙니다.</translation>
    </message>
    <message>
        <source>No ticket with UUID %1.</source>
        <translation>UUID가 %1인 티켓이 없습니다.</translation>
    </message>
</context>
<context>
    <name>hd::sync::AttachmentTransfer</name>
    <message>
        <source>The transfer was cancelled.</source>
        <translation>전송이 취소되었습니다.</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP 상태 %1</translation>
    </message>
    <message>
        <source>Asking the server for the attachment %1 failed: %2</source>
        <translation>서버에 첨부 파일 %1을(를) 확인하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Cannot read the attachment %1 from the local store.</source>
        <translation>로컬 저장소에서 첨부 파일 %1을(를) 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The server reports more bytes of the attachment %1 than the file has.</source>
        <translation>서버가 알려 준 첨부 파일 %1의 받은 크기가 실제 파일보다 큽니다.</translation>
    </message>
    <message>
        <source>Uploading the attachment %1 failed: %2</source>
        <translation>첨부 파일 %1을(를) 업로드하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Downloading the attachment %1 failed: %2</source>
        <translation>첨부 파일 %1을(를) 내려받지 못했습니다: %2</translation>
    </message>
    <message>
        <source>The server sent other bytes than the attachment %1; they were not kept.</source>
        <translation>서버가 보낸 내용이 첨부 파일 %1과(와) 다릅니다. 저장하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>hd::sync::FeedApplier</name>
    <message>
        <source>The server sent a row this client cannot read: %1.</source>
        <translation>서버가 이 클라이언트가 읽을 수 없는 행을 보냈습니다: %1.</translation>
    </message>
</context>
<context>
    <name>hd::sync::SyncClient</name>
    <message>
        <source>The server&apos;s answer to a feed request has no cursor.</source>
        <translation>변경 피드 요청에 대한 서버 응답에 커서가 없습니다.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Helpdesk desktop client for support agents.</source>
        <translation>상담원을 위한 헬프데스크 데스크톱 클라이언트.</translation>
    </message>
    <message>
        <source>Use the SQLite database at &lt;path&gt;.</source>
        <translation>&lt;경로&gt;의 SQLite 데이터베이스를 사용합니다.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>User interface language: ko or en.</source>
        <translation>화면 언어: ko 또는 en.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Save a PNG of the main window to &lt;file&gt; and exit.</source>
        <translation>기본 창을 &lt;파일&gt;에 PNG로 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;; use ko or en.</source>
        <translation>알 수 없는 언어 &apos;%1&apos;입니다. ko 또는 en을 사용하세요.</translation>
    </message>
    <message>
        <source>Load demo data into an empty database without asking.</source>
        <translation>빈 데이터베이스에 묻지 않고 데모 데이터를 불러옵니다.</translation>
    </message>
    <message>
        <source>Helpdesk</source>
        <translation>헬프데스크</translation>
    </message>
    <message>
        <source>The database could not be opened.

%1</source>
        <translation>데이터베이스를 열 수 없습니다.

%1</translation>
    </message>
</context>
<context>
    <name>server</name>
    <message>
        <source>Helpdesk server: sync API, admin API, customer portal.</source>
        <translation>헬프데스크 서버: 동기화 API, 관리 API, 고객 포털.</translation>
    </message>
    <message>
        <source>Database: sqlite:PATH or postgresql://...</source>
        <translation>데이터베이스: sqlite:경로 또는 postgresql://...</translation>
    </message>
    <message>
        <source>url</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:8080).</source>
        <translation>연결을 받을 주소와 포트 (기본값 127.0.0.1:8080).</translation>
    </message>
    <message>
        <source>host:port</source>
        <translation>호스트:포트</translation>
    </message>
    <message>
        <source>Language of messages: ko or en.</source>
        <translation>메시지 언어: ko 또는 en.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>코드</translation>
    </message>
    <message>
        <source>Invalid --listen &apos;%1&apos;; expected HOST:PORT.</source>
        <translation>잘못된 --listen 값 &apos;%1&apos;입니다. 호스트:포트 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>Listening on http://%1:%2/</source>
        <translation>http://%1:%2/ 에서 연결을 받는 중</translation>
    </message>
    <message>
        <source>Unknown role &apos;%1&apos;; use agent, manager or admin.</source>
        <translation>알 수 없는 역할 &apos;%1&apos;입니다. agent, manager, admin 중 하나를 쓰세요.</translation>
    </message>
    <message>
        <source>admin create needs --email and --name.</source>
        <translation>admin create에는 --email과 --name이 필요합니다.</translation>
    </message>
    <message>
        <source>Created %1 account %2 (id %3).</source>
        <translation>%1 계정 %2을(를) 만들었습니다 (ID %3).</translation>
    </message>
    <message>
        <source>admin create: the account&apos;s email address.</source>
        <translation>admin create: 계정의 이메일 주소.</translation>
    </message>
    <message>
        <source>email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>admin create: the account&apos;s display name.</source>
        <translation>admin create: 계정의 표시 이름.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>admin create: agent, manager or admin (default).</source>
        <translation>admin create: agent, manager 또는 admin(기본값).</translation>
    </message>
    <message>
        <source>role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>Folder of attachment files (default: &apos;attachments&apos; next to a SQLite database, or in the data folder). Instances sharing one PostgreSQL must share this folder too.</source>
        <translation>첨부 파일 폴더입니다(기본값: SQLite 데이터베이스 옆 또는 데이터 폴더의 &apos;attachments&apos;). 하나의 PostgreSQL을 함께 쓰는 인스턴스는 이 폴더도 함께 써야 합니다.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>폴더</translation>
    </message>
    <message>
        <source>Address of a load balancer or reverse proxy whose X-Forwarded-For header names the client (repeatable).</source>
        <translation>X-Forwarded-For 헤더로 클라이언트를 알려 주는 로드 밸런서 또는 리버스 프록시의 주소입니다(여러 번 지정 가능).</translation>
    </message>
    <message>
        <source>address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Invalid --trusted-proxy &apos;%1&apos;; expected an IP address.</source>
        <translation>--trusted-proxy &apos;%1&apos;이(가) 잘못되었습니다. IP 주소가 필요합니다.</translation>
    </message>
    <message>
        <source>copy needs --from (the database to copy) and --db (the new one).</source>
        <translation>copy에는 --from(복사할 데이터베이스)과 --db(새 데이터베이스)가 필요합니다.</translation>
    </message>
    <message>
        <source>There is no database file %1.</source>
        <translation>데이터베이스 파일 %1이(가) 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln행</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied %L1 rows into %2 in %L3 s; nothing was changed in %4.</source>
        <translation>%L1행을 %L3초 만에 %2(으)로 복사했습니다. %4은(는) 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>copy: the database to copy (sqlite:PATH).</source>
        <translation>copy: 복사할 데이터베이스(sqlite:경로).</translation>
    </message>
    <message>
        <source>&apos;admin create --email E --name N [--role R]&apos; makes an account (the password is read from HELPDESK_ADMIN_PASSWORD or stdin) and exits. &apos;copy --from sqlite:PATH --db postgresql://...&apos; copies a whole database into a new, empty one and exits.</source>
        <translation>&apos;admin create --email E --name N [--role R]&apos;은 계정을 만들고 종료합니다(비밀번호는 HELPDESK_ADMIN_PASSWORD 또는 표준 입력에서 읽습니다). &apos;copy --from sqlite:경로 --db postgresql://...&apos;는 데이터베이스 전체를 비어 있는 새 데이터베이스로 복사하고 종료합니다.</translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;; the commands are &apos;admin create&apos; and &apos;copy&apos;.</source>
        <translation>알 수 없는 명령 &apos;%1&apos;입니다. 명령은 &apos;admin create&apos;와 &apos;copy&apos;입니다.</translation>
    </message>
</context>
</TS>
