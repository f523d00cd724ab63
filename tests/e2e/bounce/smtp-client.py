#!/usr/bin/python3
# smtp-client.py - the SMTP client of the bounce-mode e2e tests (swaks has no
# DSN parameters, and the soak needs a client that retries like an MTA).
#
#   smtp-client.py send PORT SENDER RCPT[,RCPT...] [options]
#       one transaction; prints "rcpt ADDRESS CODE TEXT" per RCPT and
#       "data CODE TEXT" (lines of a multi-line reply joined by " / ").
#       options: --rcpt-param ADDRESS=PARAM (repeatable), --mail-param PARAM
#       (repeatable), --message-id ID | --no-message-id, --subject S
#   smtp-client.py soak PORT SEED COUNT JOURNAL
#       COUNT messages from soak@example.org, each to 4 of the users
#       u0..u5 @example.org, with a seeded random verdict per recipient
#       (accept, reject, junk = deliver-and-reject, tempfail = once) in
#       X-Soak-USER headers; retries what got 4xx (at RCPT or after DATA)
#       as an MTA would, up to 8 attempts, over 4 concurrent sessions; writes one JSON line per message
#       (its verdicts and every reply the client saw) to JOURNAL.
#   smtp-client.py check MODE JOURNAL SINK-DIR DSN-LISTING
#       the invariant over the journal: see check() below.  Prints the
#       numbers and every violation; exit 1 on any violation.
import json
import os
import random
import smtplib
import sys
import threading

VERDICTS = (["accept"] * 8) + (["reject"] * 5) + (["junk"] * 3) + (["tempfail"] * 4)
USERS = ["u%d" % i for i in range(6)]
MAX_ATTEMPTS = 8
# The soak's concurrent SMTP sessions (each message stays on one).
SOAK_CONNECTIONS = 4


def message_text(sender, rcpts, message_id, subject, extra=()):
    lines = ["From: <%s>" % (sender or "mailer-daemon@example.com"),
             "To: " + ", ".join("<%s>" % r for r in rcpts),
             "Subject: " + subject]
    if message_id:
        lines.append("Message-ID: " + message_id)
    lines.extend(extra)
    lines += ["", "Hello from the bounce-mode tests.", ""]
    return "\r\n".join(lines)


def transaction(client, sender, rcpts, text, mail_params=(), rcpt_params=None):
    """One transaction: ({rcpt: (code, text)}, (code, text) or None)."""
    rcpt_params = rcpt_params or {}
    answers = {}
    code, msg = client.mail(sender, list(mail_params))
    if code != 250:
        client.rset()
        return {r: (code, msg.decode()) for r in rcpts}, None
    accepted = []
    for r in rcpts:
        code, msg = client.rcpt(r, rcpt_params.get(r, []))
        answers[r] = (code, msg.decode().replace("\n", " / "))
        if code // 100 == 2:
            accepted.append(r)
    if not accepted:
        client.rset()
        return answers, None
    try:
        code, msg = client.data(text.encode())
    except smtplib.SMTPDataError as e:
        code, msg = e.smtp_code, e.smtp_error
    return answers, (code, msg.decode().replace("\n", " / "))


def cmd_send(args):
    port, sender, rcpts = int(args[0]), args[1], args[2].split(",")
    mail_params, rcpt_params, message_id, subject = [], {}, "<e2e-%d@example.com>" % os.getpid(), "test"
    i = 3
    while i < len(args):
        opt = args[i]
        if opt == "--no-message-id":
            message_id = None
            i += 1
            continue
        value = args[i + 1]
        if opt == "--rcpt-param":
            addr, param = value.split("=", 1)
            rcpt_params.setdefault(addr, []).append(param)
        elif opt == "--mail-param":
            mail_params.append(value)
        elif opt == "--message-id":
            message_id = value
        elif opt == "--subject":
            subject = value
        else:
            sys.exit("unknown option " + opt)
        i += 2
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as client:
        client.ehlo("client.test.example")
        answers, data = transaction(client, sender, rcpts,
                                    message_text(sender, rcpts, message_id, subject),
                                    mail_params, rcpt_params)
    for r in rcpts:
        print("rcpt %s %d %s" % (r, answers[r][0], answers[r][1]))
    if data:
        print("data %d %s" % data)


def soak_worker(port, messages):
    """Send @messages over one connection, retrying 4xx like an MTA."""
    with smtplib.SMTP("127.0.0.1", port, timeout=300) as client:
        client.ehlo("client.test.example")
        for attempt in range(MAX_ATTEMPTS):
            for m in messages:
                if not m["pending"]:
                    continue
                m["attempts"] += 1
                answers, data = transaction(client, "soak@example.org", m["pending"], m["text"],
                                            ["ENVID=" + m["id"].strip("<>")])
                still = []
                for r in m["pending"]:
                    code, text = answers[r]
                    if code // 100 == 2 and data is not None:
                        code, text = data
                    if code // 100 == 2:
                        m["accepted"].append(r)
                    elif code // 100 == 5:
                        m["told"].setdefault(r, []).append("%d %s" % (code, text))
                    else:
                        still.append(r)
                m["pending"] = still


def cmd_soak(args):
    port, seed, count, journal = int(args[0]), int(args[1]), int(args[2]), args[3]
    rng = random.Random(seed)
    messages = []
    for n in range(count):
        users = rng.sample(USERS, 4)
        verdicts = {u: rng.choice(VERDICTS) for u in users}
        msgid = "<soak-%d-%d@example.com>" % (seed, n)
        rcpts = ["%s@example.org" % u for u in users]
        extra = ["X-Soak-%s: %s" % (u, v) for u, v in verdicts.items()]
        messages.append({"id": msgid, "verdicts": verdicts, "pending": rcpts, "told": {},
                         "accepted": [], "attempts": 0,
                         "text": message_text("soak@example.org", rcpts, msgid, "soak %d" % n,
                                              extra)})
    workers = [threading.Thread(target=soak_worker, args=(port, messages[i::SOAK_CONNECTIONS]))
               for i in range(SOAK_CONNECTIONS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if any(m["attempts"] == 0 for m in messages):
        sys.exit("a soak connection failed")
    with open(journal, "w") as out:
        for m in messages:
            del m["text"]
            out.write(json.dumps(m) + "\n")


def sink_copies(sink_dir):
    """{(message-id, recipient): copies} from smtp-sink's files, and the DSN files."""
    copies, dsn_files = {}, []
    for name in os.listdir(sink_dir):
        path = os.path.join(sink_dir, name)
        with open(path, "rb") as f:
            head = f.read().split(b"\n\n", 1)[0].decode(errors="replace")
        fields = [l for l in head.replace("\n ", " ").replace("\n\t", " ").split("\n")]
        if "delivery-status" in head and any(l == "X-Mail-Args: <>" for l in fields):
            dsn_files.append(path)
            continue
        msgid = next((l.split(":", 1)[1].strip() for l in fields
                      if l.lower().startswith("message-id:")), "-")
        for l in fields:
            if l.startswith("X-Rcpt-Args:"):
                rcpt = l.split(":", 1)[1].strip().split(" ")[0].strip("<>").lower()
                copies[(msgid, rcpt)] = copies.get((msgid, rcpt), 0) + 1
    return copies, dsn_files


def dsn_texts(listing):
    """{(original message-id, recipient): [diagnostic]} from bounce-dsn's output."""
    ids, told = {}, {}
    with open(listing) as f:
        for line in f:
            kind, rest = line.rstrip("\n").split(" ", 1)
            if kind == "dsn":
                path, envid, msgid = rest.split(" ")
                ids[path] = msgid
            elif kind == "rcpt":
                path, rest = rest.split(" ", 1)
                final, action, status, diag = rest.split(" | ")
                rcpt = final.split(";", 1)[1].strip().lower()
                told.setdefault((ids[path], rcpt), []).append(diag)
    return told


def own_text(user, verdict, msgid):
    if verdict == "reject":
        return "%s rejects %s" % (user, msgid)
    return "%s files %s as spam" % (user, msgid)


def check(args):
    """Every recipient delivered exactly once (accept; tempfail, which
    fails once only; junk: to USER+junk) or, for reject and junk, the
    sender got the recipient's own text (an SMTP reply or a DSN) and no
    copy went to the recipient.  no-ndr: a rejected recipient may be
    dropped silently, but never delivered; no DSN at all."""
    mode, journal, sink_dir, listing = args
    copies, _ = sink_copies(sink_dir)
    dsn = dsn_texts(listing)
    stats, bad = {"messages": 0, "recipients": 0, "delivered": 0, "told-smtp": 0,
                  "told-dsn": 0, "silent": 0, "attempts": 0}, []
    with open(journal) as f:
        for line in f:
            m = json.loads(line)
            stats["messages"] += 1
            stats["attempts"] += m["attempts"]
            msgid = m["id"]
            if m["pending"]:
                bad.append("%s: still pending after %d attempts: %s"
                           % (msgid, MAX_ATTEMPTS, m["pending"]))
            for user, verdict in m["verdicts"].items():
                stats["recipients"] += 1
                rcpt = user + "@example.org"
                own = copies.get((msgid, rcpt), 0)
                junk = copies.get((msgid, user + "+junk@example.org"), 0)
                if verdict in ("accept", "tempfail"):
                    if own != 1 or junk != 0:
                        bad.append("%s %s (%s): %d copies, %d to Junk; expected 1, 0"
                                   % (msgid, rcpt, verdict, own, junk))
                    else:
                        stats["delivered"] += 1
                    continue
                text = own_text(user, verdict, msgid)
                want_junk = 1 if verdict == "junk" else 0
                if own != 0 or junk != want_junk:
                    bad.append("%s %s (%s): %d copies, %d to Junk; expected 0, %d"
                               % (msgid, rcpt, verdict, own, junk, want_junk))
                smtp = any(text in t for t in m["told"].get(rcpt, []))
                by_dsn = any(text in d for d in dsn.get((msgid, rcpt), []))
                if smtp:
                    stats["told-smtp"] += 1
                elif by_dsn:
                    stats["told-dsn"] += 1
                elif mode == "no-ndr":
                    stats["silent"] += 1
                else:
                    bad.append("%s %s (%s): the sender was never told \"%s\" (replies: %s)"
                               % (msgid, rcpt, verdict, text, m["told"].get(rcpt)))
    if mode == "no-ndr" and dsn:
        bad.append("no-ndr sent %d DSN groups" % len(dsn))
    print(" ".join("%s=%d" % kv for kv in stats.items()))
    for b in bad[:50]:
        print("VIOLATION: " + b)
    if bad:
        print("%d violations" % len(bad))
        sys.exit(1)


if __name__ == "__main__":
    {"send": cmd_send, "soak": cmd_soak, "check": check}[sys.argv[1]](sys.argv[2:])
