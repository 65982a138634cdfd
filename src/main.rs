use clap::Parser;

fn main() {
    let cli = jixiao::cli::Cli::parse();
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
