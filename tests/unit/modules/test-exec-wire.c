/*
 * test-exec-wire.c - the frames between the daemon and the privileged
 * runner: a round trip with a passed descriptor, and what a broken or
 * hostile peer gets: an oversized length refused before allocating, a frame
 * of the wrong shape refused, a silent peer timed out, a closed one noticed.
 */
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "exec-wire.h"
#include "modules-error.h"

#define TYPE G_VARIANT_TYPE ("(ayu)")

typedef struct {
  int a, b;   /* the two ends of a stream socketpair */
} Pair;

static void
pair_set_up (Pair *p, gconstpointer data)
{
  (void) data;
  int sv[2];
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), ==, 0);
  p->a = sv[0];
  p->b = sv[1];
}

static void
pair_tear_down (Pair *p, gconstpointer data)
{
  (void) data;
  if (p->a >= 0)
    close (p->a);
  close (p->b);
}

static gint64
soon (void)
{
  return g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
}

static void
test_round_trip (Pair *p, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  int pipefd[2];
  g_assert_cmpint (pipe (pipefd), ==, 0);
  GVariant *message = g_variant_new ("(@ayu)", prdr_exec_wire_string ("h\303\251llo\377"), 42);
  g_assert_true (prdr_exec_wire_send (p->a, message, pipefd[0], soon (), &error));
  g_assert_no_error (error);
  close (pipefd[0]);

  int passed = -1;
  g_autoptr (GVariant) got = prdr_exec_wire_receive (p->b, TYPE, &passed, soon (), &error);
  g_assert_no_error (error);
  g_autofree char *text = prdr_exec_wire_get_string (got, 0, NULL);
  g_assert_cmpstr (text, ==, "h\303\251llo\377");   /* bytes, not UTF-8 */
  guint32 number = 0;
  g_variant_get_child (got, 1, "u", &number);
  g_assert_cmpuint (number, ==, 42);
  /* the descriptor works: what goes into the pipe comes out of it */
  g_assert_cmpint (passed, >=, 0);
  g_assert_cmpint (write (pipefd[1], "x", 1), ==, 1);
  char c = 0;
  g_assert_cmpint (read (passed, &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'x');
  close (passed);
  close (pipefd[1]);
}

static void
test_oversized (Pair *p, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  guint32 huge = g_htonl (0xF0000000u);
  g_assert_cmpint (write (p->a, &huge, 4), ==, 4);
  g_autoptr (GVariant) got = prdr_exec_wire_receive (p->b, TYPE, NULL, soon (), &error);
  g_assert_null (got);
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE);
  g_assert_nonnull (strstr (error->message, "too large"));
}

/* Garbage of a plausible length: not a serialised (ayu). */
static void
test_malformed (Pair *p, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  static const guint8 frame[] = { 0, 0, 0, 3, 0xff, 0xff, 0xff };
  g_assert_cmpint (write (p->a, frame, sizeof frame), ==, sizeof frame);
  g_autoptr (GVariant) got = prdr_exec_wire_receive (p->b, TYPE, NULL, soon (), &error);
  g_assert_null (got);
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE);
}

static void
test_silent_peer (Pair *p, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  /* half a header, then nothing */
  g_assert_cmpint (write (p->a, "\0\0", 2), ==, 2);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 10;
  g_autoptr (GVariant) got = prdr_exec_wire_receive (p->b, TYPE, NULL, deadline, &error);
  g_assert_null (got);
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_TIMEOUT);
}

static void
test_closed_peer (Pair *p, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  close (p->a);
  p->a = -1;
  g_autoptr (GVariant) got = prdr_exec_wire_receive (p->b, TYPE, NULL, soon (), &error);
  g_assert_null (got);
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE);
  g_clear_error (&error);
  GVariant *message = g_variant_new ("(@ayu)", prdr_exec_wire_string ("x"), 1);
  g_assert_false (prdr_exec_wire_send (p->b, message, -1, soon (), &error));
  g_assert_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_WIRE);
}

/* Descriptors over the SOCK_SEQPACKET control socket, and its end. */
static void
test_control_socket (void)
{
  g_autoptr (GError) error = NULL;
  int sv[2], pipefd[2];
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), ==, 0);
  g_assert_cmpint (pipe (pipefd), ==, 0);
  g_assert_true (prdr_exec_wire_pass_fd (sv[0], pipefd[1], soon (), &error));
  gboolean closed = TRUE;
  int got = prdr_exec_wire_accept_fd (sv[1], soon (), &closed, &error);
  g_assert_no_error (error);
  g_assert_false (closed);
  g_assert_cmpint (write (got, "y", 1), ==, 1);
  char c = 0;
  g_assert_cmpint (read (pipefd[0], &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'y');
  close (got);
  close (pipefd[0]);
  close (pipefd[1]);

  close (sv[0]);
  g_assert_cmpint (prdr_exec_wire_accept_fd (sv[1], soon (), &closed, &error), ==, -1);
  g_assert_no_error (error);
  g_assert_true (closed);
  close (sv[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/exec-wire/" name, Pair, NULL, pair_set_up, func, pair_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("oversized", test_oversized);
  ADD ("malformed", test_malformed);
  ADD ("silent-peer", test_silent_peer);
  ADD ("closed-peer", test_closed_peer);
  g_test_add_func ("/exec-wire/control-socket", test_control_socket);
  return g_test_run ();
}
