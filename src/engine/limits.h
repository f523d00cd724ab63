/*
 * limits.h - every size, count and time the engine enforces, with its reason.
 *
 * Configurable limits are rows of the key tables in config-general.c; the
 * ones here are fixed because no sane peer or configuration comes near them
 * and each one bounds memory or time that hostile input could otherwise take.
 */
#ifndef PRDR_ENGINE_LIMITS_H
#define PRDR_ENGINE_LIMITS_H

/* ---- configuration file ---------------------------------------------- */

/* The largest configuration file we read.  A real one is a few kilobytes;
 * this bounds what a wrong -c argument (a log file, /dev/zero) can cost. */
#define PRDR_CONFIG_FILE_MAX (4 * 1024 * 1024)

/* The most items in one LIST value ([general] modules and the like). */
#define PRDR_CONFIG_LIST_MAX 256

/* ---- log --------------------------------------------------------------- */

/* The longest log line we write; longer ones end in "..." (syslog(3)
 * implementations cut at 1 to 8 KiB anyway, and a line quoting peer input
 * must not become a megabyte). */
#define PRDR_LOG_LINE_MAX 4096

/* ---- modules ----------------------------------------------------------- */

/* The longest module name: it names a config section and appears in every
 * log line. */
#define PRDR_MODULE_NAME_MAX 64

/* The most modules in [general] modules: each is a column of every
 * transaction's matrix. */
#define PRDR_ENGINE_MODULES_MAX 64

/* ---- envelope ---------------------------------------------------------- */

/* RFC 5321 section 4.5.3.1.3 limits a path to 256 octets; MTAs accept a
 * little more, and we refuse nothing the MTA accepted below this. */
#define PRDR_ADDRESS_MAX 1024

/* ESMTP parameters per MAIL or RCPT command (RFC 5321 leaves it open;
 * Postfix's smtpd accepts about a dozen). */
#define PRDR_PARAMS_MAX 32

/* Recipients of one transaction.  RFC 5321 section 4.5.3.1.8 requires at
 * least 100; Postfix's smtpd_recipient_limit default is 1000. */
#define PRDR_RECIPIENTS_MAX 1000

/* Macros kept per connection (libmilter sends a few dozen at most), and
 * the longest macro value kept ({cert_subject} and the like are the long
 * ones; a value beyond this is dropped with a log line). */
#define PRDR_MACROS_MAX 128
#define PRDR_MACRO_VALUE_MAX 4096

/* ---- message spool ----------------------------------------------------- */

/* Header fields per message.  Postfix's header_address_token_limit and
 * Sendmail's MaxHeadersLength stop far below; beyond this a message is an
 * attack on header-indexing code. */
#define PRDR_HEADERS_MAX 10000

/* The longest single header field (name, colon, value with folding), in
 * octets.  RFC 5322 section 2.1.1 limits lines to 998 octets but a folded
 * header may be long; Postfix's header_size_limit defaults to 102400, and the
 * end-to-end tests send a 1 MB header line, which we keep (up to this). */
#define PRDR_HEADER_SIZE_MAX (4 * 1024 * 1024)

/* The header section in total: headers are indexed in memory for
 * prdr_transaction_header(), so their total size is what memory can grow to
 * per transaction (bodies never are held in memory). */
#define PRDR_HEADERS_TOTAL_MAX (8 * 1024 * 1024)

/* The whole message in the spool file.  Postfix's message_size_limit
 * default is 10 MB; the MTA enforces its own, this only stops a runaway. */
#define PRDR_MESSAGE_SIZE_MAX ((gint64) 1024 * 1024 * 1024)

/* Buffer for writes to the spool file: body chunks are copied through it,
 * so it bounds what we hold of the body at any time. */
#define PRDR_SPOOL_BUFFER_SIZE (64 * 1024)

/* ---- facts and actions -------------------------------------------------- */

/* Facts per transaction, and the longest fact name and value: modules
 * publish a handful; a misbehaving one must not grow memory without bound. */
#define PRDR_FACTS_MAX 1024
#define PRDR_FACT_NAME_MAX 128
#define PRDR_FACT_VALUE_MAX 4096

/* Headers and recipients that cells may add to one transaction. */
#define PRDR_ADDED_HEADERS_MAX 256
#define PRDR_ADDED_RECIPIENTS_MAX 256

/* The longest header name a cell may add (RFC 5322 has no limit; 998 is
 * the line limit) and the longest value. */
#define PRDR_ADDED_HEADER_NAME_MAX 128
#define PRDR_ADDED_HEADER_VALUE_MAX 980

/* ---- class keys -------------------------------------------------------- */

/* The longest class key a module may give; longer ones are hashed into a
 * short key instead (equality is what matters). */
#define PRDR_CLASS_KEY_MAX 1024

#endif
