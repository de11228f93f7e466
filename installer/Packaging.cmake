# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: .deb and .tar.gz on Linux, DragNDrop on macOS, NSIS/ZIP on Windows.
if(UNIX AND NOT APPLE)
    install(FILES ${PROJECT_SOURCE_DIR}/installer/linux/io.helpdesk.Helpdesk.desktop
            DESTINATION share/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/installer/linux/io.helpdesk.Helpdesk.metainfo.xml
            DESTINATION share/metainfo)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/helpdesk.svg
            DESTINATION share/icons/hicolor/scalable/apps RENAME io.helpdesk.Helpdesk.svg)
endif()

set(CPACK_PACKAGE_NAME "helpdesk")
set(CPACK_PACKAGE_VENDOR "Helpdesk")
set(CPACK_PACKAGE_CONTACT "Helpdesk developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "TGZ")
if(UNIX AND NOT APPLE)
    list(APPEND CPACK_GENERATOR "DEB")
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
elseif(WIN32)
    set(CPACK_GENERATOR "ZIP;NSIS")
endif()
include(CPack)
