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
    <name>hd::MainWindow</name>
    <message numerus="yes">
        <source>Syncing: %n change(s) waiting</source>
        <translation>
            <numerusform>Syncing: %n change waiting</numerusform>
            <numerusform>Syncing: %n changes waiting</numerusform>
        </translation>
    </message>
</context>
</TS>
