//! A live planning session as both sides see it: its state, the events that change it, and the
//! tally of a question's votes. Compiled for the browser too: the page applies the events it
//! receives with the same [`SessionState::apply`] the server's tests check.
use serde::{Deserialize, Serialize};

/// Longest comment beside a vote, in characters.
pub const COMMENT_MAX_CHARS: usize = 280;
/// Longest timebox a facilitator can set on a topic, in minutes.
pub const TIMEBOX_MAX_MINUTES: i32 = 240;

/// Where a participant is, as the others see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Has the session open.
    Joined,
    /// Has it open in a tab they are not looking at.
    Idle,
    /// Was here and has closed it.
    Left,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Idle => "idle",
            Self::Left => "left",
        }
    }

    pub fn parse(raw: &str) -> Self {
        match raw {
            "joined" => Self::Joined,
            "idle" => Self::Idle,
            _ => Self::Left,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub user_id: i32,
    pub name: String,
    pub presence: Presence,
    /// Editors and owners vote; viewers watch.
    pub votes: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub question_id: String,
    pub user_id: i32,
    /// An option id, or `other:<text>`.
    pub value: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedAnswer {
    pub question_id: String,
    pub value: String,
    /// Who recorded it (the facilitator).
    pub recorded_by: String,
}

/// Everything a participant's screen shows that others can change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SessionState {
    pub session_id: i32,
    pub project_id: i32,
    /// The number of the last event folded in.
    pub seq: i64,
    pub facilitator_id: i32,
    pub facilitator: String,
    pub current_topic_id: Option<String>,
    /// RFC 3339, when the group was brought to the current topic.
    pub topic_started_at: Option<String>,
    pub timebox_minutes: Option<i32>,
    pub participants: Vec<Participant>,
    pub votes: Vec<Vote>,
    pub recorded: Vec<RecordedAnswer>,
    pub ended: bool,
}

/// One change to a session, as stored in its feed and sent to its streams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionEvent {
    Presence(Participant),
    Moved {
        topic_id: String,
        started_at: String,
        timebox_minutes: Option<i32>,
    },
    /// A vote cast or changed (with its comment).
    Voted(Vote),
    Recorded(RecordedAnswer),
    Ended,
}

impl SessionState {
    /// Folds in event number `seq`; one already folded in (a replay after reconnecting) changes
    /// nothing. Returns whether it was new.
    pub fn apply(&mut self, seq: i64, event: &SessionEvent) -> bool {
        if seq <= self.seq {
            return false;
        }
        self.seq = seq;
        match event {
            SessionEvent::Presence(participant) => {
                match self
                    .participants
                    .iter_mut()
                    .find(|p| p.user_id == participant.user_id)
                {
                    Some(known) => *known = participant.clone(),
                    None => self.participants.push(participant.clone()),
                }
            }
            SessionEvent::Moved {
                topic_id,
                started_at,
                timebox_minutes,
            } => {
                self.current_topic_id = Some(topic_id.clone());
                self.topic_started_at = Some(started_at.clone());
                self.timebox_minutes = *timebox_minutes;
            }
            SessionEvent::Voted(vote) => {
                match self
                    .votes
                    .iter_mut()
                    .find(|v| v.question_id == vote.question_id && v.user_id == vote.user_id)
                {
                    Some(known) => *known = vote.clone(),
                    None => self.votes.push(vote.clone()),
                }
            }
            SessionEvent::Recorded(answer) => {
                self.recorded
                    .retain(|r| r.question_id != answer.question_id);
                self.recorded.push(answer.clone());
            }
            SessionEvent::Ended => self.ended = true,
        }
        true
    }

    pub fn votes_on<'a>(&'a self, question_id: &'a str) -> impl Iterator<Item = &'a Vote> + 'a {
        self.votes
            .iter()
            .filter(move |v| v.question_id == question_id)
    }

    pub fn recorded_answer(&self, question_id: &str) -> Option<&RecordedAnswer> {
        self.recorded.iter().find(|r| r.question_id == question_id)
    }

    pub fn participant(&self, user_id: i32) -> Option<&Participant> {
        self.participants.iter().find(|p| p.user_id == user_id)
    }

    pub fn name_of(&self, user_id: i32) -> &str {
        self.participant(user_id)
            .map_or("a former member", |p| p.name.as_str())
    }

    pub fn tally(&self, question_id: &str) -> Tally {
        Tally::of(self.votes_on(question_id))
    }
}

/// How the votes on one question fall.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// Each value voted for with its number of votes, most votes first (ties by value).
    pub counts: Vec<(String, usize)>,
    pub total: usize,
}

impl Tally {
    pub fn of<'a>(votes: impl Iterator<Item = &'a Vote>) -> Self {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut total = 0;
        for vote in votes {
            total += 1;
            match counts.iter_mut().find(|(value, _)| *value == vote.value) {
                Some((_, count)) => *count += 1,
                None => counts.push((vote.value.clone(), 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Self { counts, total }
    }

    /// The option with the most votes, when exactly one has the most.
    pub fn leader(&self) -> Option<&str> {
        match self.counts.as_slice() {
            [(_, a), (_, b), ..] if a == b => None,
            [(first, _), ..] => Some(first),
            [] => None,
        }
    }

    pub fn count_for(&self, value: &str) -> usize {
        self.counts
            .iter()
            .find(|(v, _)| v == value)
            .map_or(0, |(_, n)| *n)
    }

    /// A split vote: at least two votes, and no option holds more than half of them. The team
    /// should talk before the facilitator records an answer.
    pub fn is_split(&self) -> bool {
        self.total >= 2
            && self
                .counts
                .first()
                .is_none_or(|(_, most)| most * 2 <= self.total)
    }
}

impl Participant {
    pub fn into_event(self) -> SessionEvent {
        SessionEvent::Presence(self)
    }
}

/// A session in the project's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionListing {
    pub id: i32,
    pub running: bool,
    /// RFC 3339.
    pub started_at: String,
    pub facilitator: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(question: &str, user: i32, value: &str) -> Vote {
        Vote {
            question_id: question.into(),
            user_id: user,
            value: value.into(),
            comment: String::new(),
        }
    }

    #[test]
    fn an_event_replayed_after_a_reconnect_is_not_counted_twice() {
        let mut state = SessionState::default();
        let event = SessionEvent::Voted(vote("q", 1, "a"));
        assert!(state.apply(1, &event));
        assert!(!state.apply(1, &event));
        assert_eq!(state.votes.len(), 1);
        assert_eq!(state.seq, 1);
    }

    #[test]
    fn a_changed_vote_replaces_the_voters_earlier_one() {
        let mut state = SessionState::default();
        state.apply(1, &SessionEvent::Voted(vote("q", 1, "a")));
        state.apply(2, &SessionEvent::Voted(vote("q", 2, "a")));
        state.apply(3, &SessionEvent::Voted(vote("q", 1, "b")));
        let tally = state.tally("q");
        assert_eq!(tally.total, 2);
        assert_eq!(tally.count_for("a"), 1);
        assert_eq!(tally.count_for("b"), 1);
        assert_eq!(tally.leader(), None);
    }

    #[test]
    fn a_vote_is_split_when_no_option_holds_more_than_half() {
        let votes = [
            vote("q", 1, "a"),
            vote("q", 2, "a"),
            vote("q", 3, "b"),
            vote("q", 4, "c"),
        ];
        let tally = Tally::of(votes.iter());
        assert_eq!(tally.leader(), Some("a"));
        assert!(tally.is_split(), "2 of 4 is not a majority");
        let clear = [vote("q", 1, "a"), vote("q", 2, "a"), vote("q", 3, "b")];
        assert!(!Tally::of(clear.iter()).is_split());
        assert!(!Tally::of([vote("q", 1, "a")].iter()).is_split());
    }

    #[test]
    fn presence_and_the_facilitators_move_replace_what_was_shown() {
        let mut state = SessionState::default();
        let mut bea = Participant {
            user_id: 2,
            name: "Bea".into(),
            presence: Presence::Joined,
            votes: true,
        };
        state.apply(1, &SessionEvent::Presence(bea.clone()));
        bea.presence = Presence::Left;
        state.apply(2, &SessionEvent::Presence(bea));
        state.apply(
            3,
            &SessionEvent::Moved {
                topic_id: "database".into(),
                started_at: "2026-12-01T10:00:00Z".into(),
                timebox_minutes: Some(10),
            },
        );
        assert_eq!(state.participants.len(), 1);
        assert_eq!(state.participants[0].presence, Presence::Left);
        assert_eq!(state.current_topic_id.as_deref(), Some("database"));
        assert_eq!(state.timebox_minutes, Some(10));
    }

    #[test]
    fn events_travel_as_tagged_json() {
        let json = serde_json::to_string(&SessionEvent::Voted(vote("q", 1, "a"))).unwrap();
        assert!(json.starts_with(r#"{"kind":"voted""#), "{json}");
        let back: SessionEvent = serde_json::from_str(&json).unwrap();
        assert_eq!(back, SessionEvent::Voted(vote("q", 1, "a")));
    }
}
