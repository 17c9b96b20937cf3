# The malloc the planoai binary runs on (stack.md §1.7). mimalloc by default: a request allocates
# ~65 blocks, and coroutine frames above 1 KiB miss both Asio's frame cache and glibc's per-thread
# cache; on the bench, mimalloc took ~8 % of the proxy's instructions per request off. Sanitizer
# builds keep the system allocator, which the sanitizers replace anyway.
set(GW_ALLOCATOR "mimalloc" CACHE STRING "malloc of the planoai binary: system | mimalloc | jemalloc")
set_property(CACHE GW_ALLOCATOR PROPERTY STRINGS system mimalloc jemalloc)

if(GW_SANITIZE AND NOT GW_ALLOCATOR STREQUAL "system")
  message(STATUS "GW_ALLOCATOR=${GW_ALLOCATOR} ignored under sanitizers: using the system allocator")
  set(GW_ALLOCATOR_IN_USE system)
else()
  set(GW_ALLOCATOR_IN_USE ${GW_ALLOCATOR})
endif()

if(GW_ALLOCATOR_IN_USE STREQUAL "mimalloc")
  find_package(mimalloc 2.0 REQUIRED)  # libmimalloc-dev
elseif(GW_ALLOCATOR_IN_USE STREQUAL "jemalloc")
  find_library(GW_JEMALLOC_LIBRARY jemalloc REQUIRED)  # libjemalloc-dev
elseif(NOT GW_ALLOCATOR_IN_USE STREQUAL "system")
  message(FATAL_ERROR "GW_ALLOCATOR must be system, mimalloc or jemalloc, not '${GW_ALLOCATOR}'")
endif()

# Links the chosen allocator first, so its malloc and free take the place of glibc's everywhere
# in the process (libstdc++'s operator new, OpenSSL, gRPC included).
function(gw_link_allocator target)
  if(GW_ALLOCATOR_IN_USE STREQUAL "mimalloc")
    target_link_libraries(${target} PRIVATE mimalloc)
  elseif(GW_ALLOCATOR_IN_USE STREQUAL "jemalloc")
    target_link_libraries(${target} PRIVATE ${GW_JEMALLOC_LIBRARY})
  endif()
endfunction()
