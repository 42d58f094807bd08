# SPDX-License-Identifier: GPL-2.0-only
# tools/replay-device and device/replay_device.c (tests/replay_device.sh):
#   replay_device.payloads   the dry run's VM_BIND payloads are byte for
#                            byte what msm_ioctl_vm_bind() got in-process,
#                            for corpus-ioctl/ and crashes/unit/*.ioctl
#   replay_device.crashes    --dry-run works on every crashes/ input
#   replay_device.no-device  without a device: exit 3, and why
#   replay_device.no-replay  on trees without the VM_BIND UAPI: exit 3,
#                            and what to run instead
set(_rd bash "${CMAKE_CURRENT_SOURCE_DIR}/replay_device.sh")
file(GLOB _rd_crashes CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/crashes/*.bin"
  "${CMAKE_SOURCE_DIR}/crashes/*.ioctl" "${CMAKE_SOURCE_DIR}/crashes/unit/*.ioctl")
if(NOT VMBIND_REPLAY_DEVICE)
  list(GET _rd_crashes 0 _rd_one)
  add_test(NAME replay_device.no-replay COMMAND ${_rd} no-replay "${CMAKE_BINARY_DIR}" "${_rd_one}")
  return()
endif()
set(_rd_deps vmbind_replay_device vmbind_repro)
if(TARGET vmbind_repro_ioctl)
  file(GLOB _rd_ioctl CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/corpus-ioctl/*"
    "${CMAKE_SOURCE_DIR}/crashes/*.ioctl" "${CMAKE_SOURCE_DIR}/crashes/unit/*.ioctl")
  add_test(NAME replay_device.payloads COMMAND ${_rd} payloads "${CMAKE_BINARY_DIR}" ${_rd_ioctl})
  set_tests_properties(replay_device.payloads PROPERTIES TIMEOUT 600
    PASS_REGULAR_EXPRESSION "payloads: [1-9][0-9]* VM_BIND payload"
    FAIL_REGULAR_EXPRESSION "FAIL")
endif()
add_test(NAME replay_device.crashes COMMAND ${_rd} dry-run "${CMAKE_BINARY_DIR}" ${_rd_crashes})
set_tests_properties(replay_device.crashes PROPERTIES TIMEOUT 300 FAIL_REGULAR_EXPRESSION "FAIL")
list(GET _rd_crashes 0 _rd_one)
add_test(NAME replay_device.no-device COMMAND ${_rd} no-device "${CMAKE_BINARY_DIR}" "${_rd_one}")
