use clap::Parser;

fn main() {
    let cli = jixiao::cli::Cli::parse();
    match jixiao::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("jixiao: {e:#}");
            std::process::exit(1);
        }
    }
}
