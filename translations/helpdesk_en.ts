<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
