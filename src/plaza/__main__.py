from plaza.cli import main

main()
