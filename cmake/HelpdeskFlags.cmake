# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language level, warnings and strict Qt defines.
# Every target of the project links it; nothing sets these flags anywhere else.
add_library(helpdesk_flags INTERFACE)
add_library(Helpdesk::flags ALIAS helpdesk_flags)

# Tests link helpdesk_test_flags: the same language level, warnings and defines except the
# implicit-cast bans, so test data can be written as plain string literals.
add_library(helpdesk_test_flags INTERFACE)

target_compile_definitions(helpdesk_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY)
target_link_libraries(helpdesk_flags INTERFACE helpdesk_test_flags)

target_compile_features(helpdesk_test_flags INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(helpdesk_test_flags INTERFACE
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_KEYWORDS)

if(MSVC)
    target_compile_options(helpdesk_test_flags INTERFACE /W4 /permissive- /utf-8)
    if(HELPDESK_WERROR)
        target_compile_options(helpdesk_test_flags INTERFACE /WX)
    endif()
else()
    target_compile_options(helpdesk_test_flags INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
    if(HELPDESK_WERROR)
        target_compile_options(helpdesk_test_flags INTERFACE -Werror)
    endif()
endif()
