from medborgarloften.cli import main

raise SystemExit(main())
