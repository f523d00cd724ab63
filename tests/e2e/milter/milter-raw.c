/*
 * milter-raw.c - a milter-protocol client (the MTA's side, protocol
 * version 6) that sends prdr-milter what no well-behaved MTA sends, to test
 * that the daemon never crashes on peer input:
 *
 *   long-header   a 1 MB header value and a body full of NUL bytes, then a
 *                 normal end of message (must be answered, not dropped)
 *   abort         RCPT, ABORT, then a complete transaction on the same
 *                 connection
 *   huge-length   a packet header announcing 2 GB (libmilter drops us)
 *   truncated     a packet cut off in the middle, then the peer leaves
 *   garbage       an unknown command byte and random bytes
 *   normal        a plain transaction, last: the daemon still answers
 *
 * Usage: milter-raw PORT   (connects to 127.0.0.1:PORT); exit 0 when every
 * scenario behaved, 1 otherwise, one line per scenario on stdout.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>

/* How long we wait for one reply: the daemon runs a per-user program at the
 * end of the message. */
#define RAW_REPLY_SECONDS 60
/* Largest reply packet we accept. */
#define RAW_REPLY_MAX (64 * 1024)

typedef struct {
  int fd;
  unsigned long steps;   /* the protocol steps the daemon asked for */
} RawConn;

static gboolean
raw_connect (RawConn *conn, int port)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };
  struct timeval timeout = { .tv_sec = RAW_REPLY_SECONDS };

  inet_pton (AF_INET, "127.0.0.1", &addr.sin_addr);
  conn->fd = socket (AF_INET, SOCK_STREAM, 0);
  conn->steps = 0;
  setsockopt (conn->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return conn->fd >= 0 && connect (conn->fd, (struct sockaddr *) &addr, sizeof addr) == 0;
}

static gboolean
raw_write_all (int fd, const void *data, size_t length)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t n = write (fd, p, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (size_t) n;
    }
  return TRUE;
}

static gboolean
raw_read_all (int fd, void *data, size_t length)
{
  char *p = data;

  while (length > 0)
    {
      ssize_t n = read (fd, p, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      length -= (size_t) n;
    }
  return TRUE;
}

/* raw_send - one packet: length, command, data. */
static gboolean
raw_send (RawConn *conn, char command, const void *data, size_t length)
{
  guint32 size = htonl ((guint32) length + 1);

  return raw_write_all (conn->fd, &size, 4) && raw_write_all (conn->fd, &command, 1)
         && raw_write_all (conn->fd, data, length);
}

/* raw_receive - one reply packet: its command, its data in @data. */
static gboolean
raw_receive (RawConn *conn, char *command, GString *data)
{
  guint32 size;

  if (!raw_read_all (conn->fd, &size, 4))
    return FALSE;
  size = ntohl (size);
  if (size == 0 || size > RAW_REPLY_MAX || !raw_read_all (conn->fd, command, 1))
    return FALSE;
  g_string_set_size (data, size - 1);
  return raw_read_all (conn->fd, data->str, size - 1);
}

/* raw_answer - the final answer to a command (skipping progress and
 * modification packets): 'c', 'a', 'r', 't', 'd', or 'y' with its text in
 * @text; 0 when the daemon closed the connection. */
static char
raw_answer (RawConn *conn, GString *text)
{
  char command;

  while (raw_receive (conn, &command, text))
    if (strchr ("caretdy", command) != NULL)
      return command;
  return 0;
}

static gboolean
raw_negotiate (RawConn *conn)
{
  guint32 offer[3] = { htonl (6), htonl (0x1ff), htonl (0x1fffff) };
  g_autoptr (GString) reply = g_string_new (NULL);
  char command;

  if (!raw_send (conn, SMFIC_OPTNEG, offer, sizeof offer)
      || !raw_receive (conn, &command, reply) || command != SMFIC_OPTNEG || reply->len < 12)
    return FALSE;
  guint32 steps;
  memcpy (&steps, reply->str + 8, 4);
  conn->steps = ntohl (steps);
  return TRUE;
}

/* raw_command - send a command that gets an answer; TRUE when the answer
 * is @want (a string of acceptable answer bytes). */
static gboolean
raw_command (RawConn *conn, char command, const void *data, size_t length, const char *want)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (!raw_send (conn, command, data, length))
    return FALSE;
  char answer = raw_answer (conn, text);
  if (answer == 0 || strchr (want, answer) == NULL)
    {
      printf ("  command '%c': answer '%c' (%s), expected one of \"%s\"\n", command,
              answer ? answer : '0', text->str, want);
      return FALSE;
    }
  return TRUE;
}

/* raw_content - a header or body packet; answered unless negotiated off. */
static gboolean
raw_content (RawConn *conn, char command, const void *data, size_t length)
{
  unsigned long noreply = command == SMFIC_HEADER ? SMFIP_NR_HDR : SMFIP_NR_BODY;

  if (conn->steps & noreply)
    return raw_send (conn, command, data, length);
  return raw_command (conn, command, data, length, "c");
}

static gboolean
raw_envelope (RawConn *conn)
{
  static const char connect_data[] = "client.test\0" "4\0\0" "127.0.0.1";
  static const char helo[] = "client.test";
  static const char mail[] = "<sender@example.com>";
  static const char rcpt[] = "<alice@example.org>";

  return raw_command (conn, SMFIC_CONNECT, connect_data, sizeof connect_data, "c")
         && raw_command (conn, SMFIC_HELO, helo, sizeof helo, "c")
         && raw_command (conn, SMFIC_MAIL, mail, sizeof mail, "c")
         && raw_command (conn, SMFIC_RCPT, rcpt, sizeof rcpt, "c");
}

static gboolean
raw_message (RawConn *conn, const char *want)
{
  static const char header[] = "Subject\0 plain";
  static const char body[] = "hello\r\n";

  return raw_content (conn, SMFIC_HEADER, header, sizeof header)
         && raw_command (conn, SMFIC_EOH, "", 0, "c")
         && raw_content (conn, SMFIC_BODY, body, sizeof body - 1)
         && raw_command (conn, SMFIC_BODYEOB, "", 0, want);
}

static gboolean
scenario_normal (RawConn *conn)
{
  return raw_negotiate (conn) && raw_envelope (conn) && raw_message (conn, "ca");
}

static gboolean
scenario_long_header (RawConn *conn)
{
  gsize value_length = 1024 * 1024;
  g_autoptr (GString) header = g_string_new ("X-Long");
  g_autofree char *body = g_malloc0 (60000);

  g_string_append_c (header, '\0');
  g_string_append_c (header, ' ');
  for (gsize i = 0; i < value_length; i++)
    g_string_append_c (header, 'a' + (char) (i % 26));
  g_string_append_c (header, '\0');
  memcpy (body, "NUL bytes follow\r\n", 18);
  return raw_negotiate (conn) && raw_envelope (conn)
         && raw_content (conn, SMFIC_HEADER, header->str, header->len)
         && raw_command (conn, SMFIC_EOH, "", 0, "c")
         && raw_content (conn, SMFIC_BODY, body, 60000)
         && raw_command (conn, SMFIC_BODYEOB, "", 0, "ca");
}

static gboolean
scenario_abort (RawConn *conn)
{
  static const char mail[] = "<sender@example.com>";
  static const char rcpt[] = "<carol@example.org>";

  return raw_negotiate (conn) && raw_envelope (conn)
         && raw_send (conn, SMFIC_ABORT, "", 0)
         && raw_command (conn, SMFIC_MAIL, mail, sizeof mail, "c")
         && raw_command (conn, SMFIC_RCPT, rcpt, sizeof rcpt, "c")
         && raw_message (conn, "ca");
}

/* The scenarios below end with the daemon dropping us or us leaving; they
 * pass when the daemon then still serves "normal". */
static gboolean
scenario_huge_length (RawConn *conn)
{
  guint32 size = htonl (0x7fffffff);
  char command = SMFIC_HEADER;

  raw_negotiate (conn);
  raw_write_all (conn->fd, &size, 4);
  raw_write_all (conn->fd, &command, 1);
  raw_write_all (conn->fd, "Subject\0x\0", 10);
  return TRUE;
}

static gboolean
scenario_truncated (RawConn *conn)
{
  guint32 size = htonl (1000);

  raw_negotiate (conn);
  raw_envelope (conn);
  raw_write_all (conn->fd, &size, 4);
  raw_write_all (conn->fd, "Lhalf", 5);
  return TRUE;
}

static gboolean
scenario_garbage (RawConn *conn)
{
  char noise[4096];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_random_int ();
  raw_negotiate (conn);
  raw_send (conn, 'Z', "what?", 5);
  raw_write_all (conn->fd, noise, sizeof noise);
  return TRUE;
}

int
main (int argc, char **argv)
{
  static const struct {
    const char *name;
    gboolean (*run) (RawConn *conn);
  } scenarios[] = {
    { "long-header", scenario_long_header },
    { "abort", scenario_abort },
    { "huge-length", scenario_huge_length },
    { "truncated", scenario_truncated },
    { "garbage", scenario_garbage },
    { "normal", scenario_normal },
  };
  int failed = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: milter-raw PORT\n");
      return 2;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      RawConn conn;
      gboolean ok = raw_connect (&conn, atoi (argv[1])) && scenarios[i].run (&conn);
      if (conn.fd >= 0)
        close (conn.fd);
      printf ("%s: %s\n", scenarios[i].name, ok ? "ok" : "FAILED");
      failed += !ok;
    }
  return failed ? 1 : 0;
}
