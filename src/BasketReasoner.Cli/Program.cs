using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using BasketReasoner.Cli.Commands;

// System.CommandLine's messages are localized by UI culture; UsageErrors rewords the English ones into the CLI's
// one-line style, and every other line the CLI prints is English too.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

var root = new RootCommand("BasketReasoner: the brain of a smart shopping cart")
{
    DemoCommand.Create(),
    CatalogCommand.Create(),
    SimWithScale(),
    IndexCommand.Create(),
    TuneCommand.Create(),
    AskCommand.Create(),
    ServeCommand.Create(),
    CartCommand.Create(),
    GenerateCommand.Create(),
    LogCommand.Create(),
    FlywheelCommand.Create(),
};
var eval = new Command("eval", "Evaluate the recognizer and the whole pipeline")
{
    EvalVisionCommand.Create(),
    EvalSessionsCommand.Create(),
    EvalDetectorCommand.Create(),
    EvalTextCommand.Create(),
    EvalSearchCommand.Create(),
    ScaleCommands.CreateEval(),
    EvalHarnessCommands.CreateRun(),
    EvalHarnessCommands.CreateMakeAmbiguous(),
    EvalHarnessCommands.CreateCompare(),
    EvalHarnessCommands.CreateMerge(),
};
root.Subcommands.Add(eval);
var parse = root.Parse(args);
// A usage error is one line and exit 2, not System.CommandLine's error list followed by the whole help page.
// (With --help among the arguments the action is help, whatever else is wrong.)
if (parse.Action is ParseErrorAction)
{
    return UsageErrors.Report(parse, Console.Error);
}

// SIGTERM / Ctrl+C cancel the running command; it then has 30 s to finish (basket serve drains its in-flight events
// and closes its log) before the process exits with 130/143.
return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

// `basket sim` keeps its own options and action; `basket sim scale ...` is its subcommand.
static Command SimWithScale()
{
    var sim = SimCommand.Create();
    sim.Subcommands.Add(ScaleCommands.CreateSim());
    return sim;
}
