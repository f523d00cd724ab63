/*
 * prdr/prdr.h - everything a prdr-milter module needs: include this one.
 */
#ifndef PRDR_PRDR_H
#define PRDR_PRDR_H

#include <prdr/config.h>
#include <prdr/module.h>
#include <prdr/table.h>
#include <prdr/transaction.h>
#include <prdr/verdict.h>

#endif
