<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>HelpdeskCli</name>
    <message numerus="yes">
        <source>%n result(s) in %1 ms</source>
        <translation>
            <numerusform>%n result in %1 ms</numerusform>
            <numerusform>%n results in %1 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n ticket(s).</source>
        <translation>
            <numerusform>Archived %n ticket.</numerusform>
            <numerusform>Archived %n tickets.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::BulkEditCommand</name>
    <message numerus="yes">
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>Assign %n ticket</numerusform>
            <numerusform>Assign %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the status of %n ticket(s)</source>
        <translation>
            <numerusform>Change the status of %n ticket</numerusform>
            <numerusform>Change the status of %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the priority of %n ticket(s)</source>
        <translation>
            <numerusform>Change the priority of %n ticket</numerusform>
            <numerusform>Change the priority of %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the tags of %n ticket(s)</source>
        <translation>
            <numerusform>Edit the tags of %n ticket</numerusform>
            <numerusform>Edit the tags of %n tickets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::DashboardView</name>
    <message numerus="yes">
        <source>⚠ %1: %n tickets today, usually about %2</source>
        <translation>
            <numerusform>⚠ %1: %n ticket today, usually about %2</numerusform>
            <numerusform>⚠ %1: %n tickets today, usually about %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::InitialSyncDialog</name>
    <message numerus="yes">
        <source>%Ln ticket(s) so far</source>
        <translation>
            <numerusform>%Ln ticket so far</numerusform>
            <numerusform>%Ln tickets so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled at %1%. The %Ln ticket(s) downloaded stay on this computer; File → Sync Now, or the next start, continues from there.</source>
        <translation>
            <numerusform>Cancelled at %1%. The %Ln ticket downloaded stays on this computer; File → Sync Now, or the next start, continues from there.</numerusform>
            <numerusform>Cancelled at %1%. The %Ln tickets downloaded stay on this computer; File → Sync Now, or the next start, continues from there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::MainWindow</name>
    <message numerus="yes">
        <source>Syncing: %n change(s) waiting</source>
        <translation>
            <numerusform>Syncing: %n change waiting</numerusform>
            <numerusform>Syncing: %n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) changed.</source>
        <translation>
            <numerusform>%n ticket changed.</numerusform>
            <numerusform>%n tickets changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped: %1</source>
        <translation>
            <numerusform>%n skipped: %1</numerusform>
            <numerusform>%n skipped, e.g. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ticket(s)</source>
        <translation>
            <numerusform>%1: %n ticket</numerusform>
            <numerusform>%1: %n tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tickets today</source>
        <translation>
            <numerusform>%1: %n ticket today</numerusform>
            <numerusform>%1: %n tickets today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay in this computer&apos;s copy and are sent when you sign in again.</source>
        <translation>
            <numerusform>%n change has not reached the server yet. It stays in this computer&apos;s copy and is sent when you sign in again.</numerusform>
            <numerusform>%n changes have not reached the server yet. They stay in this computer&apos;s copy and are sent when you sign in again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::MergeDialog</name>
    <message numerus="yes">
        <source>Merge %n ticket(s) into another. Their messages move to the target and they are closed with a link to it:</source>
        <translation>
            <numerusform>Merge this ticket into another. Its messages move to the target and it is closed with a link to it:</numerusform>
            <numerusform>Merge %n tickets into another. Their messages move to the target and they are closed with a link to it:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::SignInDialog</name>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::SyncStatusWidget</name>
    <message numerus="yes">
        <source>%1 · %n change(s) waiting</source>
        <translation>
            <numerusform>%1 · %n change waiting</numerusform>
            <numerusform>%1 · %n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused</source>
        <translation>
            <numerusform>%n change refused</numerusform>
            <numerusform>%n changes refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>%n notice</numerusform>
            <numerusform>%n notices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hd::server::Api</name>
    <message numerus="yes">
        <source>Too many failed sign-ins; try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins; try again in %n second.</numerusform>
            <numerusform>Too many failed sign-ins; try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>server</name>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1: %Ln row</numerusform>
            <numerusform>%1: %Ln rows</numerusform>
        </translation>
    </message>
</context>
</TS>
