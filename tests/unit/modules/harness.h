/*
 * harness.h - driving the engine the way a front end does, for the modules'
 * tests: a configuration from text, one connection, one transaction,
 * recipients, a message, the end-of-message matrix and the outcomes.
 * Every step asserts that the engine accepted it.
 */
#ifndef PRDR_TEST_MODULES_HARNESS_H
#define PRDR_TEST_MODULES_HARNESS_H

#include "engine.h"

typedef struct {
  PrdrConfig *config;
  PrdrEngine *engine;
  PrdrConnection *conn;
  PrdrTransaction *txn;
} Harness;

/* harness_new - load @config_text, register the built-in modules and build
 * the engine; NULL with @error when the engine refuses the configuration. */
Harness *harness_new (const char *config_text, GError **error);
void harness_free (Harness *harness);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Harness, harness_free)

/* harness_begin - connection from 192.0.2.7 (HELO mail.example.net, queue
 * id "4XyZ123", authenticated as @auth_user unless NULL) and MAIL FROM
 * @sender. */
void harness_begin (Harness *harness, const char *sender, const char *auth_user);

/* harness_rcpt - RCPT TO @address: the RCPT-stage outcome. */
PrdrOutcome harness_rcpt (Harness *harness, const char *address);

/* harness_message - spool a small message and run the end-of-message
 * matrix. */
void harness_eom (Harness *harness);

/* harness_outcome - the outcome of the transaction's recipient @index. */
PrdrOutcome harness_outcome (Harness *harness, guint index);

/* harness_spool - the spooled message as the modules see it. */
char *harness_spool (Harness *harness);

/* assert_outcome - @outcome has @verdict (and, when @code is not NULL, that
 * code, enhanced code and text). */
void assert_outcome (PrdrOutcome outcome, PrdrVerdictKind verdict, const char *code,
                     const char *enhanced, const char *text);

#endif
