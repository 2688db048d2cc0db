using System.CommandLine;
using BasketReasoner.Cli.Commands;

var root = new RootCommand("BasketReasoner: the brain of a smart shopping cart")
{
    DemoCommand.Create(),
    CatalogCommand.Create(),
    SimCommand.Create(),
    IndexCommand.Create(),
    TuneCommand.Create(),
};
var eval = new Command("eval", "Evaluate the recognizer and the whole pipeline")
{
    EvalVisionCommand.Create(),
    EvalSessionsCommand.Create(),
};
root.Subcommands.Add(eval);
return root.Parse(args).Invoke();
