/*
 * limits.h - every limit of the Sieve engine, with its default and reason.
 *
 * The PRDR_SIEVE_DEFAULT_* values seed PrdrSieveLimits (sieve.h), which a
 * caller may change per context; the PRDR_SIEVE_MAX_* values are hard
 * ceilings that no configuration can raise.
 */
#ifndef PRDR_SIEVE_LIMITS_H
#define PRDR_SIEVE_LIMITS_H

/* Script text accepted by compile: user scripts uploaded by ManageSieve are
 * small; 1 MiB stops a hostile upload from eating memory in the parser. */
#define PRDR_SIEVE_DEFAULT_MAX_SCRIPT_SIZE (1024 * 1024)
/* Nesting of blocks and tests: recursion depth of parser and interpreter.
 * Pigeonhole uses 32; deeper scripts are not written by people. */
#define PRDR_SIEVE_DEFAULT_MAX_NESTING 32
/* One string literal or one string built at run time (variables). */
#define PRDR_SIEVE_DEFAULT_MAX_STRING_SIZE (64 * 1024)
/* Size of one variable value (RFC 5229 requires at least 4000 octets). */
#define PRDR_SIEVE_DEFAULT_MAX_VARIABLE_SIZE 4000
/* Number of distinct variables of one script scope (RFC 5229: >= 128). */
#define PRDR_SIEVE_DEFAULT_MAX_VARIABLES 255
/* Actions in one result: stops a loop of fileinto from flooding the caller. */
#define PRDR_SIEVE_DEFAULT_MAX_ACTIONS 32
/* Redirects in one result: each one sends mail out (mail bomb guard). */
#define PRDR_SIEVE_DEFAULT_MAX_REDIRECTS 4
/* include nesting depth and total number of included scripts (RFC 6609). */
#define PRDR_SIEVE_DEFAULT_MAX_INCLUDE_DEPTH 10
#define PRDR_SIEVE_DEFAULT_MAX_INCLUDES 255
/* One header field addheader adds, as written with its name and folds
 * (RFC 5293 section 4 lets us limit it; Pigeonhole's default). */
#define PRDR_SIEVE_DEFAULT_MAX_HEADER_SIZE 2048
/* ... and no configuration may go below RFC 5293's floor of 998. */
#define PRDR_SIEVE_MIN_HEADER_SIZE 998
/* Header fields one run may add: with the size limit above it bounds the
 * memory a script can make the header grow by (the step budget alone
 * would allow a million fields). */
#define PRDR_SIEVE_MAX_ADDED_HEADERS 256
/* Header lines addheader writes are folded at spaces to this width
 * (RFC 5322 section 2.1.1: SHOULD be no more than 78 characters). */
#define PRDR_SIEVE_HEADER_FOLD_WIDTH 78
/* Interpreter steps (commands + tests + match comparisons) of one run: a
 * CPU budget that does not depend on the machine's speed. */
#define PRDR_SIEVE_DEFAULT_MAX_STEPS 1000000
/* Errors reported by one compile before giving up (the parser recovers). */
#define PRDR_SIEVE_MAX_ERRORS 20
/* Strings in one string list literal: a list is read into memory at once. */
#define PRDR_SIEVE_MAX_LIST_ITEMS 1024
/* Arguments of one command (Pigeonhole's limit; no command takes more
 * than a dozen). */
#define PRDR_SIEVE_MAX_ARGUMENTS 32
/* Match variables ${0}..${32} of RFC 5229 (it asks for at least ${9};
 * Pigeonhole's limit, its tests use up to ${32}).  A reference to a higher
 * one is a compile error (RFC 5229 section 6). */
#define PRDR_SIEVE_MAX_MATCH_VARIABLES 33
/* Length of a variable name (RFC 5229 section 6: at least 32). */
#define PRDR_SIEVE_MAX_VARIABLE_NAME 64
/* Length of an identifier (variable name, header name part). */
#define PRDR_SIEVE_MAX_IDENTIFIER 128
/* Length of an identifier token (command, test or tag name): no Sieve
 * extension defines a longer one; Pigeonhole's limit too. */
#define PRDR_SIEVE_MAX_IDENTIFIER_TOKEN 32
/* PCRE2 match limit (backtracking steps) and depth limit for :regex. */
#define PRDR_SIEVE_REGEX_MATCH_LIMIT 100000
#define PRDR_SIEVE_REGEX_DEPTH_LIMIT 1000
/* Body text examined by body/extracttext; larger bodies are cut here. */
#define PRDR_SIEVE_MAX_BODY_SIZE (16 * 1024 * 1024)
/* Nested foreverypart loops, at compile time and across includes at run
 * time (RFC 5703 leaves it open; Pigeonhole allows 4). */
#define PRDR_SIEVE_MAX_LOOP_DEPTH 4
/* MIME parts visited by body, mime and foreverypart. */
#define PRDR_SIEVE_MAX_MIME_PARTS 1000
/* duplicate (RFC 7352) tracking period without :seconds: half a day, so a
 * message resent the next day is not suppressed. */
#define PRDR_SIEVE_DEFAULT_DUPLICATE_SECONDS (12 * 3600)
/* ... and at most a month: the caller's tracking table stays bounded. */
#define PRDR_SIEVE_MAX_DUPLICATE_SECONDS (31 * 86400)
/* Seconds of vacation :seconds/:days (RFC 5230 leaves the ceiling to us). */
#define PRDR_SIEVE_MAX_VACATION_SECONDS (90 * 86400)

#endif
