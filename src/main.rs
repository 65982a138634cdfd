use clap::FromArgMatches;

fn main() {
    let matches = jixiao::cli::command().get_matches();
    // The matches come from the same definition as `Cli`, so this fails only on a bug in it;
    // clap's error then says which argument, and exits like any usage error.
    let cli = jixiao::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match jixiao::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // `jixiao log | head` closes the pipe early: not an error worth a message.
            let pipe = e
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe);
            if !pipe {
                // Errors quote file names, fields and git messages, which may hold anything.
                eprintln!("jixiao: {}", jixiao::text::printable(&format!("{e:#}")));
                std::process::exit(1);
            }
        }
    }
}
