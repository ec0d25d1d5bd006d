#ifndef TAFEL_CLIBPQ_SHIM_H
#define TAFEL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
