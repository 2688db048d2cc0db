using System.CommandLine;
using BasketReasoner.Cli.Commands;

var root = new RootCommand("BasketReasoner: the brain of a smart shopping cart");
root.Subcommands.Add(CatalogCommand.Create());
var eval = new Command("eval", "Evaluate the recognizer and the whole pipeline");
eval.Subcommands.Add(EvalVisionCommand.Create());
root.Subcommands.Add(eval);
return root.Parse(args).Invoke();
