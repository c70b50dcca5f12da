using System.CommandLine;
using KzMigration.Cli.Commands;

// Minimal root for the data branch; the lead's Program.cs wires the other commands.
var root = new RootCommand("kzmig: the KzMigration research workbench") { DataCommand.Create() };
return root.Parse(args).Invoke();
