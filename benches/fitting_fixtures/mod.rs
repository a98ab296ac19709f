//! Deterministic inputs for the fitting benches (truncate, fit, pack).
//!
//! The text is generated from a fixed seed so every run and machine measures the same bytes:
//! English-like sentences over a 400-word vocabulary with numbers, punctuation, code-ish lines
//! and some non-ASCII words, in paragraphs. It is not real prose; its o200k density (about 4.6
//! bytes per token) is close to English documentation.

use tokenmeter::{Message, Section};

/// A small xorshift generator: deterministic, no dependency.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &str = "the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their can has been if more when will would who so no time out up about into than them only other new some could these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long here get both between life being under never day same another know while last might us great old year off come since against go came right used take three states himself few house use during without again place around however home small found thought went say part once general high upon school every does got united left number course war until always away something fact though water less public put think almost hand enough far took head yet government system better set told nothing night end why called didn find going look asked later knew point next program city business give group toward young days let room president side social given present several order national possible rather second face per among form important often things looked early white case john become large big need four within felt along children saw best church ever least power development light thing seemed family interest want members mind country area others done turned although open god service certain kind problem began different door thus help sense means whole matter perhaps itself york times law human line above name example action company hands local show whether five history gave today either act feet across taken past quite anything seen having death week experience body word half really field am car words already themselves information tell college together money period held keep sure probably free seems political real cannot behind miss café naïve straße 東京 données résumé señor";

fn word<'a>(rng: &mut Rng, words: &[&'a str]) -> &'a str {
    words[rng.below(words.len())]
}

/// About `bytes` bytes of paragraphs.
pub fn document(bytes: usize, seed: u64) -> String {
    let words: Vec<&str> = WORDS.split(' ').collect();
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 256);
    while out.len() < bytes {
        let sentences = 2 + rng.below(5);
        for _ in 0..sentences {
            let n = 6 + rng.below(14);
            for k in 0..n {
                let w = word(&mut rng, &words);
                if k == 0 {
                    let mut cs = w.chars();
                    if let Some(c) = cs.next() {
                        out.extend(c.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push(' ');
                    out.push_str(w);
                }
                match rng.below(40) {
                    0 => out.push_str(&format!(" {}", rng.below(100_000))),
                    1 => out.push(','),
                    2 => out.push_str(&format!(" ({}%)", rng.below(100))),
                    _ => {}
                }
            }
            out.push_str(if rng.below(8) == 0 { "? " } else { ". " });
        }
        if rng.below(6) == 0 {
            out.push_str(&format!("\n    let x{} = compute({}, \"{}\");", rng.below(99), rng.below(999), word(&mut rng, &words)));
        }
        out.push_str("\n\n");
    }
    out
}

/// A chat history of `n` messages: a system prompt, then user and assistant turns with an
/// assistant tool call and its result every few turns.
pub fn history(n: usize, seed: u64) -> Vec<Message> {
    let mut rng = Rng::new(seed);
    let mut out = vec![Message::new("system", document(600, seed))];
    let mut t = 0;
    while out.len() < n {
        t += 1;
        let len = 80 + rng.below(900);
        out.push(Message::new("user", document(len, rng.next())));
        if rng.below(4) == 0 && out.len() + 3 <= n {
            let mut call = Message::new("assistant", "");
            call.content = None;
            out.push(call.with_tool_call(format!("call_{t}"), "search", format!("{{\"q\":\"{}\"}}", rng.below(1000))));
            out.push(Message::new("tool", document(200 + rng.below(1500), rng.next())).with_tool_call_id(format!("call_{t}")));
        }
        if out.len() < n {
            out.push(Message::new("assistant", document(100 + rng.below(1200), rng.next())));
        }
    }
    out.truncate(n);
    if out.last().map(|m| m.role.as_str()) != Some("user") {
        if let Some(last) = out.last_mut() {
            *last = Message::new("user", "Please summarize what we decided.");
        }
    }
    out
}

/// The text of every message, concatenated: what a plain full count of the history reads.
pub fn history_text(messages: &[Message]) -> String {
    messages.iter().map(|m| m.text()).collect::<Vec<_>>().join("\n")
}

/// `n` sections of 100 to 1,500 bytes with priorities 0..20 in document order.
pub fn sections(n: usize, seed: u64) -> Vec<Section> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| Section::new(document(100 + rng.below(1400), rng.next()), (rng.below(20)) as i64).with_position(i as i64))
        .collect()
}
