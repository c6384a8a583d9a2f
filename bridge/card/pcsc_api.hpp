#pragma once
// The PC/SC API: pcsc-lite's headers on Linux, winscard.h on Windows (the same functions and
// codes; the reader names are narrow strings in both).
#ifdef _WIN32
#include <windows.h>
// After windows.h:
#include <winscard.h>
#else
#include <PCSC/pcsclite.h>
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#endif

#ifndef MAX_ATR_SIZE
#define MAX_ATR_SIZE 33  // pcsc-lite's name for the ISO 7816-3 maximum; winscard.h has none
#endif
