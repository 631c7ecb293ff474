Console.WriteLine("ethgov");
