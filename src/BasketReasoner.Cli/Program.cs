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
return root.Parse(args).Invoke();

// `basket sim` keeps its own options and action; `basket sim scale ...` is its subcommand.
static Command SimWithScale()
{
    var sim = SimCommand.Create();
    sim.Subcommands.Add(ScaleCommands.CreateSim());
    return sim;
}
