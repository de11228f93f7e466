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
        <source>New ticket</source>
        <translation>새 티켓</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>이 목록 보기</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
</context>
<context>
    <name>hd::server::Server</name>
    <message>
        <source>Cannot listen on %1:%2</source>
        <translation>%1:%2에서 연결을 받을 수 없습니다</translation>
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
</context>
</TS>
