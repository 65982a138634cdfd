//! One SSH connection: who it is (the member whose key it proved), its sessions, and the
//! answer to every request. What jixiao offers is granted; everything else is refused.

use super::access::{ConnectionSlot, SessionSlot};
use super::child::{self, Running, Spec, Terminal};
use super::{Shared, lock};
use crate::team::Member;
use crate::text::serve as text;
use russh::keys::HashAlg;
use russh::server::{Auth, ChannelOpenHandle, Handle, Msg, PublicKeyOffer, Session};
use russh::server::{Handler, VerifiedPublicKey};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// A session channel: the terminal asked for, then its running child.
#[derive(Default)]
struct SessionChannel {
    terminal: Option<Terminal>,
    running: Option<Running>,
}

/// The state of one connection.
pub struct Connection {
    shared: Arc<Shared>,
    peer: SocketAddr,
    started: Instant,
    member: Option<Member>,
    channels: HashMap<ChannelId, SessionChannel>,
    /// Seconds since `started` of the client's last input, for the idle timeout.
    last_input: Arc<AtomicU64>,
    /// Ends the idle watch when the connection ends (dropped with it).
    _watch: Option<oneshot::Sender<()>>,
    /// The address's connection slot, given back first when the connection ends.
    slot: Option<ConnectionSlot>,
}

impl Connection {
    /// A new connection from `peer`.
    pub fn new(shared: Arc<Shared>, peer: SocketAddr, slot: ConnectionSlot) -> Connection {
        shared.log.line(&text::connected(peer));
        Connection {
            shared,
            peer,
            started: Instant::now(),
            member: None,
            channels: HashMap::new(),
            last_input: Arc::new(AtomicU64::new(0)),
            _watch: None,
            slot: Some(slot),
        }
    }

    fn touch(&self) {
        self.last_input
            .store(self.started.elapsed().as_secs(), Ordering::Relaxed);
    }

    fn who(&self) -> String {
        self.member
            .as_ref()
            .map(|m| m.id.clone())
            .unwrap_or_else(|| text::NOT_LOGGED_IN.into())
    }

    /// The member holding `key`; logs and counts a refusal.
    fn lookup(&self, key: &russh::keys::PublicKey) -> Option<Member> {
        let line = key.to_openssh().ok()?;
        let found = lock(&self.shared.team).member_by_key(&line);
        match found {
            Ok(Some(m)) => Some(m),
            Ok(None) | Err(_) => {
                let (n, next) =
                    lock(&self.shared.throttle).fail(self.peer.ip(), std::time::Instant::now());
                let why = match found {
                    Err(e) => text::team_unreadable(e),
                    _ => text::NOT_A_MEMBER_KEY.into(),
                };
                self.shared.log.line(&text::key_refused(
                    self.peer,
                    key.fingerprint(HashAlg::Sha256),
                    &why,
                    n,
                    next.as_secs(),
                ));
                None
            }
        }
    }

    /// Watches the client's input; closes the connection once it has been idle too long.
    fn watch_idle(&mut self, handle: Handle) {
        let (tx, mut rx) = oneshot::channel();
        self._watch = Some(tx);
        let limit = self.shared.options.idle_timeout;
        let (last, started) = (Arc::clone(&self.last_input), self.started);
        let (shared, peer, who) = (Arc::clone(&self.shared), self.peer, self.who());
        tokio::spawn(async move {
            loop {
                let idle = started
                    .elapsed()
                    .saturating_sub(Duration::from_secs(last.load(Ordering::Relaxed)));
                if idle >= limit {
                    break;
                }
                tokio::select! {
                    _ = tokio::time::sleep(limit - idle + Duration::from_millis(200)) => {}
                    _ = &mut rx => return,
                }
            }
            let limit = super::human(limit);
            shared.log.line(&text::idle_timeout(&who, peer, &limit));
            let _ = handle
                .disconnect(
                    russh::Disconnect::ByApplication,
                    text::idle_disconnect(&limit),
                    "zh-CN".into(),
                )
                .await;
        });
    }

    /// Starts the child of a channel, or tells the client why not (on its standard error,
    /// with exit status 1, as a refused command would).
    fn start(&mut self, id: ChannelId, command: Option<&str>, session: &mut Session) {
        self.touch();
        let Some(member) = self.member.clone() else {
            let _ = session.channel_failure(id);
            return;
        };
        let refuse = |session: &mut Session, why: String| {
            let _ = session.channel_success(id);
            let _ = session.extended_data(id, 1, text::refusal_line(&why).into_bytes());
            let _ = session.exit_status_request(id, 1);
            let _ = session.eof(id);
            let _ = session.close(id);
        };
        let Some(ch) = self.channels.get_mut(&id) else {
            let _ = session.channel_failure(id);
            return;
        };
        if ch.running.is_some() {
            let _ = session.channel_failure(id);
            return;
        }
        let slot = match SessionSlot::take(&self.shared, &member.id) {
            Ok(s) => s,
            Err(n) => {
                self.shared
                    .log
                    .line(&text::session_refused(&member.id, self.peer, n));
                return refuse(session, text::too_many_sessions(n));
            }
        };
        let spec = Spec {
            member: &member.id,
            command,
            terminal: ch.terminal.as_ref(),
            peer: self.peer,
        };
        match child::start(&self.shared, slot, &spec, session.handle(), id) {
            Ok(running) => {
                ch.running = Some(running);
                let _ = session.channel_success(id);
            }
            Err(e) => {
                self.shared
                    .log
                    .line(&text::start_failed_log(&member.id, self.peer, &e));
                refuse(session, text::start_failed(e));
            }
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // The channels' children are hung up as their `Running` drops with the map; the slot
        // is free before the end is logged, so a client that waits for the line may connect.
        self.slot.take();
        self.shared.log.line(&text::disconnected(
            &self.who(),
            self.peer,
            self.started.elapsed().as_secs(),
        ));
    }
}

impl Handler for Connection {
    type Error = anyhow::Error;

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        self.shared
            .log
            .line(&text::password_refused(self.peer, user));
        Ok(Auth::reject())
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Attempts after refused keys from the same address wait, longer with each refusal.
        let wait = lock(&self.shared.throttle).wait(self.peer.ip(), Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(match self.lookup(offer.public_key) {
            Some(_) => Auth::Accept,
            None => Auth::reject(),
        })
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        // Looked up again: the file may have changed since the key was offered.
        let Some(member) = self.lookup(key.public_key) else {
            return Ok(Auth::reject());
        };
        lock(&self.shared.throttle).forgive(self.peer.ip());
        self.shared.log.line(&text::logged_in(
            &member.id,
            self.peer,
            &member.describe(),
            key.public_key.fingerprint(HashAlg::Sha256),
        ));
        self.member = Some(member);
        Ok(Auth::Accept)
    }

    async fn auth_succeeded(&mut self, session: &mut Session) -> Result<(), Self::Error> {
        self.touch();
        self.watch_idle(session.handle());
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.touch();
        // Requests and data arrive through this handler; the channel object is not needed.
        self.channels
            .insert(channel.id(), SessionChannel::default());
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        host: &str,
        port: u32,
        _originator_address: &str,
        _originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared.log.line(&text::forwarding_refused(
            &self.who(),
            self.peer,
            host,
            port,
        ));
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.shared.log.line(&text::remote_forwarding_refused(
            &self.who(),
            self.peer,
            address,
            *port,
        ));
        Ok(false)
    }

    async fn pty_request(
        &mut self,
        id: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.touch();
        let terminal = Terminal {
            term: child::term_name(term).unwrap_or_else(|| "xterm-256color".into()),
            cols: child::cells(cols).max(1),
            rows: child::cells(rows).max(1),
        };
        match self.channels.get_mut(&id) {
            Some(ch) if ch.running.is_none() => {
                ch.terminal = Some(terminal);
                session.channel_success(id)?;
            }
            _ => session.channel_failure(id)?,
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        id: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.start(id, None, session);
        Ok(())
    }

    async fn exec_request(
        &mut self,
        id: ChannelId,
        data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        match std::str::from_utf8(data) {
            Ok(c) if !c.contains('\0') => {
                let c = c.to_string();
                self.start(id, Some(&c), session);
            }
            _ => {
                self.shared
                    .log
                    .line(&text::command_not_utf8(&self.who(), self.peer));
                session.channel_failure(id)?;
            }
        }
        Ok(())
    }

    async fn data(
        &mut self,
        id: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.touch();
        if let Some(input) = self
            .channels
            .get_mut(&id)
            .and_then(|c| c.running.as_mut())
            .and_then(|r| r.input.as_mut())
        {
            // A child that no longer reads has ended or is ending: its exit closes the channel.
            let _ = input.write(data).await;
        }
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        id: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // End of input on a pipe (`ssh … team key ID - < key.pub`); a terminal keeps its input.
        if let Some(r) = self.channels.get_mut(&id).and_then(|c| c.running.as_mut())
            && matches!(r.input, Some(child::Input::Pipe(_)))
        {
            r.input = None;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        id: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Dropping the child's `Running` hangs it up.
        self.channels.remove(&id);
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        id: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.touch();
        if let Some(ch) = self.channels.get_mut(&id) {
            let (cols, rows) = (child::cells(cols).max(1), child::cells(rows).max(1));
            if let Some(t) = ch.terminal.as_mut() {
                (t.cols, t.rows) = (cols, rows);
            }
            if let Some(input) = ch.running.as_ref().and_then(|r| r.input.as_ref()) {
                input.resize(cols, rows);
            }
        }
        Ok(())
    }

    async fn env_request(
        &mut self,
        id: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // The child's environment is the server's: a client sets nothing (LD_PRELOAD …).
        session.channel_failure(id)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        id: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared
            .log
            .line(&text::subsystem_refused(&self.who(), self.peer, name));
        session.channel_failure(id)?;
        Ok(())
    }

    async fn x11_request(
        &mut self,
        id: ChannelId,
        _single_connection: bool,
        _x11_auth_protocol: &str,
        _x11_auth_cookie: &str,
        _x11_screen_number: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(id)?;
        Ok(())
    }

    async fn agent_request(
        &mut self,
        _id: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        // russh answers the refusal.
        Ok(false)
    }
}
