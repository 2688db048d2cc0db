using System.CommandLine;
using BasketReasoner.Cli.Commands;

var root = new RootCommand("BasketReasoner: the brain of a smart shopping cart")
{
    DemoCommand.Create(),
    CatalogCommand.Create(),
    SimWithScale(),
    IndexCommand.Create(),
    TuneCommand.Create(),
    AskCommand.Create(),
    ServeCommand.Create(),
    GenerateCommand.Create(),
    LogCommand.Create(),
};
var eval = new Command("eval", "Evaluate the recognizer and the whole pipeline")
{
    EvalVisionCommand.Create(),
    EvalSessionsCommand.Create(),
    EvalDetectorCommand.Create(),
    EvalTextCommand.Create(),
    ScaleCommands.CreateEval(),
    EvalHarnessCommands.CreateRun(),
    EvalHarnessCommands.CreateMakeAmbiguous(),
    EvalHarnessCommands.CreateCompare(),
    EvalHarnessCommands.CreateMerge(),
};
root.Subcommands.Add(eval);
// SIGTERM / Ctrl+C cancel the running command; it then has 30 s to finish (basket serve drains its in-flight events
// and closes its log) before the process exits with 130/143.
return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

// `basket sim` keeps its own options and action; `basket sim scale ...` is its subcommand.
static Command SimWithScale()
{
    var sim = SimCommand.Create();
    sim.Subcommands.Add(ScaleCommands.CreateSim());
    return sim;
}
