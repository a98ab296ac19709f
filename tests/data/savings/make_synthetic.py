#!/usr/bin/env python3
"""Writes the two synthetic savings inputs, shaped like real traffic (no outside text):

- support-thread.txt: a four-message support thread exported the way mail clients send
  replies: each message quotes the whole thread below an "On <date>, <name> wrote:" line.
- agent-chat.txt: a shopping-assistant transcript in which the app re-sends its state block
  (cart, address, delivery) with every turn, as agent loops commonly do.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

messages = [
    ("Dana Whitfield <dana.whitfield@example.net>", "Mon, Nov 30, 2026 at 9:12 AM",
     "Hello,\n\nMy router (model AX-3000) drops the Wi-Fi connection every evening around 8 pm.\n"
     "The lights stay green but no device can connect until I restart it. I have already\n"
     "updated the firmware to 2.4.1 and moved the router away from the microwave.\n\n"
     "Order number: 7781-2231\n\nThanks,\nDana"),
    ("Support <help@example-isp.com>", "Mon, Nov 30, 2026 at 11:40 AM",
     "Hi Dana,\n\nThank you for the details. Evening drops are often caused by channel congestion\n"
     "when neighbours come home. Please log in to 192.168.1.1, open Wireless > Advanced and\n"
     "set the 5 GHz channel to 36 and the 2.4 GHz channel to 1, then save and restart.\n\n"
     "If the problem continues, send us the system log from Status > Logs.\n\n"
     "Best regards,\nMarco\nExample ISP Support\nThis e-mail and any attachments are confidential."),
    ("Dana Whitfield <dana.whitfield@example.net>", "Tue, Dec 1, 2026 at 8:55 PM",
     "Hi Marco,\n\nI changed the channels as you said. Tonight it dropped again at 8:05 pm.\n"
     "The system log shows \"DFS radar detected, switching channel\" right before the drop.\n\n"
     "Dana"),
    ("Support <help@example-isp.com>", "Wed, Dec 2, 2026 at 10:03 AM",
     "Hi Dana,\n\nThat log line explains it: channel 36 is fine, but the router had automatic DFS\n"
     "channels enabled. Please untick \"Use DFS channels\" under Wireless > Advanced. We have\n"
     "also scheduled a replacement unit in case it happens again; it ships on Friday.\n\n"
     "Best regards,\nMarco\nExample ISP Support\nThis e-mail and any attachments are confidential."),
]


def quote(text):
    return "\n".join(">" if not l else "> " + l for l in text.split("\n"))


# The export lists every message of the conversation, newest first, each with its quotes.
exports, built = [], ""
for sender, date, body in messages:
    built = body if not built else f"{body}\n\nOn {prev_date}, {prev_sender.split(' <')[0]} wrote:\n{quote(built)}"
    exports.append(f"From: {sender}\nDate: {date}\nSubject: Re: Wi-Fi drops every evening\n\n{built}\n")
    prev_sender, prev_date = sender, date
with open(os.path.join(HERE, "support-thread.txt"), "w") as f:
    f.write("\n----------\n\n".join(reversed(exports)))

items = [("Trail running shoes, size 42", 89.90), ("Merino socks, 3 pairs", 24.50),
         ("Running belt", 19.00), ("Headlamp 400 lm", 39.95), ("Rain jacket, M", 129.00)]
turns = [
    ("user", "I need shoes for trail running, something with good grip."),
    ("assistant", "The Trail running shoes in size 42 have a 5 mm lug sole. I added them to your cart."),
    ("user", "Add some warm socks too."),
    ("assistant", "Added Merino socks, 3 pairs."),
    ("user", "Do you have something to carry my phone and keys?"),
    ("assistant", "The Running belt fits phones up to 6.7 inches. Added."),
    ("user", "I run early in the morning when it is dark."),
    ("assistant", "A Headlamp 400 lm gives about 4 hours at full power. Added."),
    ("user", "And if it rains?"),
    ("assistant", "The Rain jacket in M weighs 180 g and packs into its pocket. Added."),
    ("user", "Please ship everything to my office instead of home."),
    ("assistant", "Done: the delivery address is now the office address."),
    ("user", "What is the total now, and when will it arrive?"),
]
out = ["system: You are the shop's assistant. The app appends the current state after every turn."]
cart = []
address = "home: 14 Linden Road, 10115 Berlin"
for i, (role, text) in enumerate(turns):
    out.append(f"{role}: {text}")
    if role == "assistant":
        if "Added" in text or "added" in text:
            cart.append(items[len(cart)])
        if "office" in text:
            address = "office: 3 Dock Street, 20457 Hamburg"
        total = sum(p for _, p in cart)
        lines = "\n".join(f"  - {name}: {price:.2f} EUR" for name, price in cart)
        out.append(
            f"[state]\nsession: 5f2c9a7e-81d4-4c3b-9a0e-2b7d61c4f0aa\ncustomer: Dana Whitfield (loyalty tier: silver)\n"
            f"cart ({len(cart)} items, total {total:.2f} EUR):\n{lines}\n"
            f"delivery address: {address}\ndelivery option: standard (2-3 working days), free over 50.00 EUR\n"
            f"payment: card on file ending 4242\nlast updated: turn {i + 1}"
        )
with open(os.path.join(HERE, "agent-chat.txt"), "w") as f:
    f.write("\n\n".join(out) + "\n")
