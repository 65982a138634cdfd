fn main() {
    let cli = match jixiao::cli::parse(std::env::args_os().collect()) {
        jixiao::cli::Parsed::Run(cli) => cli,
        jixiao::cli::Parsed::Exit(code) => std::process::exit(code),
    };
    match jixiao::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // `jixiao log | head` closes the pipe early: not an error worth a message.
            let pipe = e
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe);
            if !pipe {
                eprintln!("{}", jixiao::cli::error_text(&e));
                std::process::exit(1);
            }
        }
    }
}
