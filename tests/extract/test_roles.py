import pytest

from kg.extract import extract_article
from kg.model import SpeakerKind

CASES = [
    (  # a paragraph opening in capitals, its place's possessive too; "Police Crime
        # Commissioner", as local papers write the title
        "Stop and search review\n\nWARWICKSHIRE'S Police Crime Commissioner Ron Ball has "
        "given his backing to the review.",
        ("Ron Ball", "police-and-crime-commissioner", "warwickshire", None),
    ),
    (  # the inspectorate's titles for fire and rescue services, beside constabulary's
        "Cumbria Fire and Rescue Service was inspected by HMICFRS. His Majesty's Inspector "
        "of Fire and Rescue Services Lee Freeman said the service must improve.",
        ("Lee Freeman", "hm-inspector-of-fire-and-rescue-services", "hmicfrs", None),
    ),
    (  # a role held now, an adverb of time between the verb and the title
        "Humberside Police was inspected. Judi Heaton is currently Acting Chief Constable "
        "of the force.",
        ("Judi Heaton", "chief-constable", "humberside", "acting"),
    ),
    (  # in news of a joint custody inspection, a force named before the rank keeps it
        "HM Inspectorate of Prisons and HMICFRS inspected custody in West Midlands Police. "
        "Responding for the force, West Midlands Police Head of Custody, Chief Inspector "
        'Eddy Johnston, said: "The team identified areas for improvement."',
        ("Eddy Johnston", "chief-inspector", "west-midlands", None),
    ),
    (  # a force's slash forms: "T/" temporary, "A/" acting, "D/" detective
        "Kent Police was inspected. T/ACC Mark Smith said it was fair.",
        ("Mark Smith", "assistant-chief-constable", "kent", "temporary"),
    ),
    (
        "Kent Police was inspected. A/Supt Jo Brown said it was fair.",
        ("Jo Brown", "superintendent", "kent", "acting"),
    ),
    (
        "Kent Police was inspected. D/Supt Jo Brown said it was fair.",
        ("Jo Brown", "detective-superintendent", "kent", None),
    ),
    (
        "Dorset Police was inspected. DC Supt Neil Corrigan said it was fair.",
        ("Neil Corrigan", "detective-chief-superintendent", "dorset", None),
    ),
    (  # a title in the possessive of a body outside the reference data, or of its head noun
        "Bradford Council was told to improve. Jane Smith, the council's chief executive, said so.",
        ("Jane Smith", "chief-executive", "named-bradford-council", None),
    ),
    (
        "The Howard League for Penal Reform said so. Frances Crook, the league's chief "
        "executive, said it was overdue.",
        ("Frances Crook", "chief-executive", "howard-league", None),
    ),
    (  # the head of a fire and rescue service, held in the service the article names
        "Northamptonshire Fire and Rescue Service was rated good. Chief Fire Officer Darren "
        "Dovey said he is delighted.",
        (
            "Darren Dovey",
            "chief-fire-officer",
            "named-northamptonshire-fire-and-rescue-service",
            None,
        ),
    ),
    (
        "Jon Pearson, chief fire officer of Hertfordshire Fire and Rescue Service, said it "
        "would improve.",
        ("Jon Pearson", "chief-fire-officer", "named-hertfordshire-fire-and-rescue-service", None),
    ),
    (  # the Justice Minister of the jurisdiction the article is about
        "The PSNI was inspected. He has urged Justice Minister Naomi Long to commission a "
        "new inquiry.",
        ("Naomi Long", "northern-ireland-justice-minister", "department-of-justice-ni", None),
    ),
    (  # a title in apposition in brackets
        "As Sir Hugh Orde (President of ACPO) touched on earlier today, an approach is hard.",
        ("Hugh Orde", "president", "acpo", None),
    ),
    (  # a scheme's title in apposition in brackets
        "Sir Hugh Orde (Chief Constable of Kent Police) said it was welcome.",
        ("Hugh Orde", "chief-constable", "kent", None),
    ),
    (  # a police staff chief officer's rank, in lower case before the name
        "Hertfordshire Constabulary custody was inspected. Assistant chief officer Cat "
        "Hemmings said work was already under way.",
        ("Cat Hemmings", "assistant-chief-officer", "hertfordshire", None),
    ),
    (  # a body's name before a title outside the scheme, in apposition
        "Sue Hemming, CPS director of legal services, said the service accepted that far "
        "too few victims saw their cases get to court.",
        ("Sue Hemming", "director of legal services", "cps", None),
    ),
    (  # "the local ROLE" in apposition: of the force the article is about
        "Jane Kennedy, the local police commissioner, told the Globe that Merseyside Police "
        "had improved.",
        ("Jane Kennedy", "police-and-crime-commissioner", "merseyside", None),
    ),
    (  # a title with its head last, after its field
        "Phill Matthews, the conduct and performance lead for the Police Federation of "
        "England and Wales, responded to the report.",
        ("Phill Matthews", "conduct and performance lead", "police-federation", None),
    ),
    (  # a combined authority's mayor, by the place: held in the authority
        "Tees Valley Mayor Ben Houchen said Cleveland Police had to improve.",
        ("Ben Houchen", "mayor-of-tees-valley", "tees-valley-combined-authority", None),
    ),
    (  # an assembly member sits in the assembly of the place the article is about
        "Metropolitan Police Service was praised by inspectors. Responding to the report, "
        "Assembly Member Gareth Bacon said the Met had to do better.",
        ("Gareth Bacon", "london-assembly-member", "london-assembly", None),
    ),
    (
        "Assembly member Mike Nesbitt, who sits on the Policing Board, said the report on "
        "the PSNI did not go far enough.",
        ("Mike Nesbitt", "northern-ireland-assembly-member", "northern-ireland-assembly", None),
    ),
    (  # a seat's place between the title and its holder, with or without a comma
        "Labour's MP for Stockton North, Alex Cunningham, added that the force had improved.",
        ("Alex Cunningham", "mp", None, None),
    ),
    (
        "The MP for Stockton North, Alex Cunningham, said the inspectors were right.",
        ("Alex Cunningham", "mp", None, None),
    ),
    (  # the one title of an opening sentence, its holder named next as its subject
        "The Police and Crime Commissioner has described claims that Sussex Police failed to "
        "record crimes as alarmist.\n\nKatie Bourne said the report was wrong.",
        ("Katie Bourne", "police-and-crime-commissioner", "sussex", None),
    ),
    (  # a seat's letters after the name, as postnominals are written
        "Jackie Baillie MSP said the Scottish Police Authority had questions to answer.",
        ("Jackie Baillie", "msp", "scottish-parliament", None),
    ),
    (
        "Mohammad Yasin MP said the prison's failings were a scandal.",
        ("Mohammad Yasin", "mp", None, None),
    ),
    (  # an assembly member's letters: of the assembly the article names
        "The London Assembly debated the report. Susan Hall AM, who proposed the motion, said "
        "the assessment had highlighted failings.",
        ("Susan Hall", "london-assembly-member", "london-assembly", None),
    ),
    (  # ... and before it, with the party: a member of the Scottish Parliament
        "Green MSP John Finnie asked whether the board had confidence in its chief executive.",
        ("John Finnie", "msp", "scottish-parliament", None),
    ),
    (  # a place's possessive before a government body's title: where, not a force
        "This statement is issued on behalf of Bev Hughes, Greater Manchester's Deputy Mayor "
        "for Policing, Crime, Criminal Justice and Fire.",
        (
            "Bev Hughes",
            "deputy-mayor-for-policing-greater-manchester",
            "greater-manchester-combined-authority",
            None,
        ),
    ),
    (  # a place before a title a mayor's office holds in several places: that place's,
        # in an article that names another body with a deputy mayor
        "The Mayor's Office for Policing and Crime was praised. West Yorkshire Deputy Mayor "
        "for Policing and Crime, Alison Lowe OBE, said the force had listened.",
        (
            "Alison Lowe",
            "deputy-mayor-for-policing-west-yorkshire",
            "west-yorkshire-combined-authority",
            None,
        ),
    ),
    (  # Scotland's prisons inspector, not England and Wales's nor a police rank
        "HM Chief Inspector of Prisons for Scotland, David Strang, is today publishing his "
        "report on an inspection of HMP Edinburgh.",
        ("David Strang", "hm-chief-inspector-of-prisons-for-scotland", "hmips", None),
    ),
    (  # a nation's possessive before an inspector's title names that nation's
        # inspectorate of the title's sector, not a rank of the nation's force
        "Scotland's chief inspector of prisons, Wendy Sinclair-Gieben, said the jail was "
        "overcrowded.",
        ("Wendy Sinclair-Gieben", "hm-chief-inspector-of-prisons", "hmips", None),
    ),
    (
        "Scotland's Inspector of Constabulary, Derek Penman, said the division was stretched.",
        ("Derek Penman", "hm-inspector-of-constabulary", "hmics", None),
    ),
    (
        "Northern Ireland's chief inspector of criminal justice, Brendan McGuigan, said the "
        "service had improved.",
        (
            "Brendan McGuigan",
            "chief-inspector-of-criminal-justice-in-northern-ireland",
            "cji",
            None,
        ),
    ),
    (  # a title opened by a place's possessive, its holder named first as the next
        # sentence's subject
        "Speed cameras\n\nNorth Wales' Deputy Police and Crime Commissioner is pressing for "
        "a guarantee that speed cameras will not be a cash cow.\n\nJulian Sandham believes "
        "the scheme exists to cut casualties.",
        ("Julian Sandham", "deputy-police-and-crime-commissioner", "north-wales", None),
    ),
    (  # a Justice Secretary in news of Scotland's prisons inspectorate is Scotland's
        "HM Inspectorate of Prisons for Scotland found the jail overcrowded. Justice "
        "Secretary Morag Reid said work was under way.",
        ("Morag Reid", "scottish-justice-secretary", "scottish-government", None),
    ),
    (  # "is a former": one of those who held the post
        "Ruth Dale spoke at the launch. Ms Dale is a former chief constable of Kent and a "
        "detective by trade.",
        ("Ruth Dale", "chief-constable", "kent", "former"),
    ),
    (  # a chief inspector's title held in an inspectorate, no rank of a force
        "Dana Price, Ofsted's deputy chief inspector, asked schools to respond.",
        ("Dana Price", "deputy chief inspector", "ofsted", None),
    ),
    (  # ... the inspectorate's own chief where the scheme has one
        "Owen Blake, chief inspector of Criminal Justice Inspection Northern Ireland, said "
        "it was poor.",
        ("Owen Blake", "chief-inspector-of-criminal-justice-in-northern-ireland", "cji", None),
    ),
    (  # an inspectorate's deputy holds a title of their own, in the article's words
        "HM Assistant Inspector of Constabulary in Scotland, Ewan Marsh, said most missing "
        "people are traced.",
        ("Ewan Marsh", "hm assistant inspector of constabulary in scotland", "hmics", None),
    ),
    (
        "Assistant HM Inspector of Constabulary Tara Quinn said: the force must improve.",
        ("Tara Quinn", "assistant hm inspector of constabulary", "hmicfrs", None),
    ),
    (  # a body named by its head noun before its chair's title
        "The Kent Police and Crime Panel met. Panel chairman Cllr Ray Hollis said the "
        "plan was sound.",
        ("Ray Hollis", "chair", "named-kent-police-and-crime-panel", None),
    ),
    (
        "Derbyshire Fire Authority met. Chair of the fire authority Ann Cole said it was "
        "a fair outcome.",
        ("Ann Cole", "chair", "named-derbyshire-fire-authority", None),
    ),
    (  # "who chairs the panel": the one body named with that head noun
        "The Dorset Police and Crime Panel met. Jo Reed, who chairs the panel, said the "
        "plan was sound.",
        ("Jo Reed", "chair", "named-dorset-police-and-crime-panel", None),
    ),
    (  # "chair of the panel": the same
        "The Dorset Police and Crime Panel met. Jo Reed, chair of the panel, said the plan "
        "was sound.",
        ("Jo Reed", "chair", "named-dorset-police-and-crime-panel", None),
    ),
    (  # the national body as its branches call it
        "National Federation deputy chair Tiff Lynch said the service needs investment.",
        ("Tiff Lynch", "deputy chair", "police-federation", None),
    ),
    (  # a party and a word of rank between the article and the title in apposition
        "Caroline Nokes, a senior Tory MP who chairs the Women and Equalities Committee, "
        "accused the force of victim blaming.",
        ("Caroline Nokes", "mp", None, None),
    ),
    (  # the holder of a role ending a sentence, named next past an honorific
        "Chief told to go\n\nThe chief constable ought to stand down, according to HM Chief "
        "Inspector of Constabulary.\n\nSir Thomas Winsor says he backs the PCC.",
        ("Thomas Winsor", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # a commissioner's official title, from the scheme's labels
        "Matthew Ellis, Staffordshire Commissioner for Police, Fire and Rescue and Crime, said "
        "the report was welcome.",
        ("Matthew Ellis", "police-fire-and-crime-commissioner", "staffordshire", None),
    ),
    (  # a paragraph's first word in capitals, as papers open a story
        "Review\n\nROD Hansen took office today as Gloucestershire's new chief constable.",
        ("Rod Hansen", "chief-constable", "gloucestershire", None),
    ),
    (
        "Review\n\nSURREY Police and Crime Commissioner Kevin Hurley has welcomed the report.",
        ("Kevin Hurley", "police-and-crime-commissioner", "surrey", None),
    ),
    (  # ... but not an acronym: no "Pcc Sue Mountstevens"
        "Review\n\nPCC Sue Mountstevens has written to the chief constable of Avon and Somerset.",
        ("Sue Mountstevens", "police-and-crime-commissioner", "avon-and-somerset", None),
    ),
    (  # a role brought in with "a", its holder named first as the next sentence's subject
        "A chief constable has posted a video apology before the publication of a report.\n\n"
        "Nick Adderley said inspectors had found Northamptonshire Police was failing.",
        ("Nick Adderley", "chief-constable", "northamptonshire", None),
    ),
    (  # an elected member's seat is held in no body: not the force of the constituency
        "The watchdog acted only after Labour MP Susan Elan Jones complained to Kent Police.",
        ("Susan Elan Jones", "mp", None, None),
    ),
    (
        "Former Durham councillor Paul Williams told the panel the force was stretched.",
        ("Paul Williams", "councillor", None, "former"),
    ),
    (  # inspectorates' deputies and other inspectorates' chiefs, from the scheme
        "“Inspectors found evidence of progress,” said James Corrigan, Deputy Chief "
        "Inspector of Criminal Justice in Northern Ireland.",
        (
            "James Corrigan",
            "deputy-chief-inspector-of-criminal-justice-in-northern-ireland",
            "cji",
            None,
        ),
    ),
    (
        "Kevin McGinty, HM Chief Inspector of the Crown Prosecution Service, said so.",
        ("Kevin McGinty", "hm-chief-inspector-of-the-crown-prosecution-service", "hmcpsi", None),
    ),
    (  # the royal style makes a "Chief Inspector" the inspectorate's chief, not a rank
        "The Crown Prosecution Service Inspectorate (HMCPSI) looked at 340 letters. Her "
        "Majesty’s Chief Inspector, Kevin McGinty, said victims deserve better.",
        ("Kevin McGinty", "hm-chief-inspector-of-the-crown-prosecution-service", "hmcpsi", None),
    ),
    (  # an office named by its body's name is that body's, not a force's commissioner
        "The PSNI was fined. UK Information Commissioner John Edwards said the breach was "
        "egregious.",
        ("John Edwards", "information commissioner", "information-commissioner", None),
    ),
    (
        "Police Scotland was criticised. Police Investigations and Review Commissioner Kate "
        "Frame said the force must learn.",
        ("Kate Frame", "police investigations and review commissioner", "pirc", None),
    ),
    (  # "the" and a comma make a "Chief Inspector" a post, not a rank before a name
        "\"I want to thank the Chief Inspector, Andy Cooke, and His Majesty's Inspectorate of "
        'Constabulary for their support," said Greater Manchester Police.',
        ("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # ... also "the present chief inspector"; and "was formerly" a rank held before
        "HMIC was praised. The present chief inspector, Sir Denis O'Connor, was formerly "
        "chief constable of Surrey.",
        ("Denis O'Connor", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (
        "HMIC was praised. The present chief inspector, Sir Denis O'Connor, was formerly "
        "chief constable of Surrey.",
        ("Denis O'Connor", "chief-constable", "surrey", "former"),
    ),
    (  # NAME has been ROLE: held now
        "Lisa Oldroyd has been acting Police and Crime Commissioner for Cleveland since May.",
        ("Lisa Oldroyd", "police-and-crime-commissioner", "cleveland", "acting"),
    ),
    (  # a qualifier in brackets
        "New structures that the (then) Home Secretary Yvette Cooper proposed would help.",
        ("Yvette Cooper", "home-secretary", "home-office", "former"),
    ),
    (  # postnominals between a name and its title
        "That is the view of Sir Andy Cooke QPM DL, His Majesty's Chief Inspector of "
        "Constabulary, set out in his report.",
        ("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # an abbreviated title's full stop
        "Insp. Graeme Smith of Lancashire Constabulary was found to have a case to answer.",
        ("Graeme Smith", "inspector", "lancashire", None),
    ),
    (  # a body the title names wins over the region after it
        "James Dipple-Johnstone, the IPCC Commissioner for Lancashire, said it was worrying.",
        ("James Dipple-Johnstone", "ipcc-commissioner", "ipcc", None),
    ),
    (  # HMICS's head under the style the article gives: one office, two titles
        "Derek Penman, HM Inspector of Constabulary in Scotland, said Police Scotland improved.",
        ("Derek Penman", "hm-inspector-of-constabulary-in-scotland", "hmics", None),
    ),
    (
        "Craig Naylor, HM Chief Inspector of Constabulary in Scotland, said it was better.",
        ("Craig Naylor", "hm-chief-inspector-of-constabulary-in-scotland", "hmics", None),
    ),
    (
        "Lancashire Constabulary's Deputy Chief Constable Sunita Gamblin said it was good.",
        ("Sunita Gamblin", "deputy-chief-constable", "lancashire", None),
    ),
    (
        "Cumbria police and crime commissioner Peter McCall said: “Busy.”",
        ("Peter McCall", "police-and-crime-commissioner", "cumbria", None),
    ),
    (
        "Beds PCC Olly Martins hit back at HMIC.",
        ("Olly Martins", "police-and-crime-commissioner", "bedfordshire", None),
    ),
    (
        "Deputy Ch Con Sunita Gamblin said the force at Lancashire Police was sorry.",
        ("Sunita Gamblin", "deputy-chief-constable", "lancashire", None),
    ),
    (
        "Police and Crime Commissioner (PCC) Marc Jones welcomed the Lincolnshire Police report.",
        ("Marc Jones", "police-and-crime-commissioner", "lincolnshire", None),
    ),
    (
        "Commenting on the report, Jason Hogg, Deputy Chief Constable, said it was fair about "
        "Thames Valley Police.",
        ("Jason Hogg", "deputy-chief-constable", "thames-valley", None),
    ),
    (
        "In May, interim Chief Constable Dave Jones and I commissioned a review of South Yorkshire Police.",
        ("Dave Jones", "chief-constable", "south-yorkshire", "interim"),
    ),
    (
        "It was the words of Roy Wilsher, one of His Majesty’s Inspectors of Constabulary and Fire "
        "and Rescue Services (HMICFRS), who led it.",
        ("Roy Wilsher", "hm-inspector-of-constabulary", "hmicfrs", None),
    ),
    (
        "HM Inspector of Constabulary Mike Cunningham pointed out the force has done innovative work.",
        ("Mike Cunningham", "hm-inspector-of-constabulary", "hmicfrs", None),
    ),
    (
        "Derbyshire’s Chief Constable Mick Creedon has welcomed the HMIC report.",
        ("Mick Creedon", "chief-constable", "derbyshire", None),
    ),
    (
        "I appointed Stephen Watson as Chief Constable of South Yorkshire Police. Later he left to "
        "become Chief Constable of Greater Manchester.",
        ("Stephen Watson", "chief-constable", "greater-manchester", None),
    ),
    (
        "When I appointed the present Chief, Lauren Poultney, South Yorkshire Police was stable.",
        ("Lauren Poultney", "chief-constable", "south-yorkshire", None),
    ),
    (
        "Former Chief Constable Jane Doe of Kent Police spoke.",
        ("Jane Doe", "chief-constable", "kent", "former"),
    ),
    # the Met's chief by the office's official style, and a title of a body then a
    # comma and an honorific
    (
        "He wrote to the Commissioner of the Police of the Metropolis, Dame Cressida Dick.",
        ("Cressida Dick", "commissioner", "metropolitan", None),
    ),
    (
        "He wrote to the Commissioner of the Metropolitan Police Service, Cressida Dick.",
        ("Cressida Dick", "commissioner", "metropolitan", None),
    ),
    (
        "The Chief Constable of Kent Police, Sir Alan Pughsley, said it was right.",
        ("Alan Pughsley", "chief-constable", "kent", None),
    ),
    # a minister by the brief: "the Minister for Security (Tom Tugendhat)"
    (
        "In a written statement, the Minister for Security (Tom Tugendhat) told MPs so.",
        ("Tom Tugendhat", "home-office-minister", "home-office", None),
    ),
    # Police Scotland named in passing in an article of policing in England and Wales
    (
        "In his final State of Policing report for England and Wales, the Chief Inspector of "
        "Constabulary, Sir Tom Winsor, said forces should not merge on the Police Scotland "
        "model.",
        ("Tom Winsor", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (
        "Police Scotland was praised. The Chief Inspector of Constabulary, Craig Naylor, said so.",
        (
            "Craig Naylor",
            "hm-chief-inspector-of-constabulary-in-scotland",
            "hmics",
            None,
        ),
    ),
    # a post held in the past: "who was", "served as", "then-"
    (
        "Jon Boutcher, who was Chief Constable of Bedfordshire Police at the time, complained.",
        ("Jon Boutcher", "chief-constable", "bedfordshire", "former"),
    ),
    (
        "Mike Fuller, who served as chief constable of Kent Police, said the force had improved.",
        ("Mike Fuller", "chief-constable", "kent", "former"),
    ),
    (
        "Mike Fuller, who has served as chief constable of Kent Police since 2004, said so.",
        ("Mike Fuller", "chief-constable", "kent", None),
    ),
    (
        "Then-Chief Constable Mike Fuller of Kent Police said the force had improved.",
        ("Mike Fuller", "chief-constable", "kent", "former"),
    ),
    (
        "Mr Lewis had been deputy chief constable of Dyfed-Powys Police before he moved.",
        ("Lewis", "deputy-chief-constable", "dyfed-powys", "former"),
    ),
    (
        "Richard Lewis, who had been deputy chief constable of Dyfed-Powys Police, moved.",
        ("Richard Lewis", "deputy-chief-constable", "dyfed-powys", "former"),
    ),
    # a title another body's name is put before: that body's own office
    (
        "CJI's Chief Inspector Jacqui Durkin has today published the findings of a joint "
        "inspection of police custody arrangements in the Police Service of Northern Ireland.",
        (
            "Jacqui Durkin",
            "chief-inspector-of-criminal-justice-in-northern-ireland",
            "cji",
            None,
        ),
    ),
    # a place inside the title is not the body it is held in
    (
        "He told Mayor of Greater Manchester Andy Burnham that he would turn GMP around.",
        (
            "Andy Burnham",
            "mayor-of-greater-manchester",
            "greater-manchester-combined-authority",
            None,
        ),
    ),
    (
        "Home Secretary Theresa May has said she will chair a new national monitoring group.",
        ("Theresa May", "home-secretary", "home-office", None),
    ),
    # a title in lower case between a body and a name
    (
        "NSPCC spokesman Adam Burling said: “It's deeply disturbing that West Mercia Police "
        "are still not tackling child sexual exploitation effectively.”",
        ("Adam Burling", "spokesman", "nspcc", None),
    ),
    (
        "The Police Federation's chair, John Apter, said: “Officers are exhausted.”",
        ("John Apter", "chair", "police-federation", None),
    ),
    # a title any body has, held in the body named after it
    (
        "Frances Crook, Director of the Howard League for Penal Reform, said the findings read "
        "like a novel.",
        ("Frances Crook", "director", "howard-league", None),
    ),
    # ... or, named nowhere near it, in the body the article is about
    (
        "Her Majesty's Inspectorate of Constabulary in Scotland (HMICS) identified shortcomings "
        "in the ability of chief executive John Foley to support the Scottish Police Authority "
        "board. The Scottish Police Authority accepted the findings.",
        ("John Foley", "chief-executive", "scottish-police-authority", None),
    ),
    # an office's holder, with a qualifier, before a name in apposition
    (
        "Ms Durkin was asked to carry out the inquiry after the former police ombudsman, Michael "
        "Maguire, called for an independent review.",
        ("Michael Maguire", "police-ombudsman", "police-ombudsman-ni", "former"),
    ),
    # a rank held in the past
    (
        "Chief Constable Kier Pritchard of Wiltshire Police faces action. Between 2012 and 2014, "
        "Mr Pritchard was a Detective Chief Superintendent.",
        ("Kier Pritchard", "detective-chief-superintendent", "wiltshire", "former"),
    ),
    # a member of the board of the body the article is about
    (
        "The Scottish Police Authority held meetings in private, and the resignation of former "
        "board member Moi Ali was badly handled, the Scottish Police Authority review found.",
        ("Moi Ali", "board-member", "scottish-police-authority", "former"),
    ),
    # a title by its initials, in apposition
    (
        "Publishing his annual report today, Mr Craig Naylor, HMCICS, stressed how much "
        "effective communication matters to Police Scotland.",
        ("Craig Naylor", "hm-chief-inspector-of-constabulary-in-scotland", "hmics", None),
    ),
    # the area's commissioner, in apposition; the one force the sentence names
    (
        "West Mercia's Chief Constable, Anthony Bangham, and John Campion, the region's Police "
        "and Crime Commissioner, have rejected the findings outright.",
        ("John Campion", "police-and-crime-commissioner", "west-mercia", None),
    ),
    (
        "Katy Bourne, the Sussex PCC, who chairs the APCC's Performance, Standards and "
        "Accountability Standing Group, gave this response.",
        ("Katy Bourne", "police-and-crime-commissioner", "sussex", None),
    ),
    (
        "Forces covering Herts and Beds were criticised by Bedfordshire Police's auditors. In "
        "Hertfordshire, Chief Constable Andy Bliss said he was committed.",
        ("Andy Bliss", "chief-constable", "hertfordshire", None),
    ),
    # a branch of a staff association is not the force it is named after
    (
        "Andy Spence, Chair of Leicestershire Police Federation, said: “This is everything we "
        "have been saying.”",
        ("Andy Spence", "chair", "named-leicestershire-police-federation", None),
    ),
    # a title outside the scheme, in the article's words, with its body
    (
        "Chief Superintendent Gavin Thomas, President of the Police Superintendents' "
        "Association, has welcomed the report.",
        ("Gavin Thomas", "president", "police-superintendents-association", None),
    ),
    (
        "Kathie Cashell, the IOPC's director of strategy and impact, said that almost 80 per "
        "cent were found proven.",
        ("Kathie Cashell", "director of strategy and impact", "iopc", None),
    ),
    # the role's abbreviation between the role and its body
    (
        "The Police and Crime Commissioner (PCC) for Gwent, Jeff Cuthbert, today welcomed "
        "the report.",
        ("Jeff Cuthbert", "police-and-crime-commissioner", "gwent", None),
    ),
    # a title shared with another ("co-director", "co-chair")
    (
        "Families were failed again.\n\nDeborah Coles, co-director of INQUEST, said: "
        "“This report is a welcome admission.”",
        ("Deborah Coles", "co-director", "inquest", None),
    ),
    # a body's lead for a topic, the body named as an attribute, past honours
    (
        "Forces must do better, inspectors said. Chief Constable Sarah Crew QPM, the National "
        "Police Chiefs' Council lead for Rape and Adult Sexual Offences, said forces had work.",
        ("Sarah Crew", "lead for rape and adult sexual offences", "npcc", None),
    ),
    (
        "The Police and Crime Commissioner Donna Jones, who is the Association of Police and "
        "Crime Commissioners' (APCC) national lead on serious violence as well as PCC for "
        "Hampshire, commented on the report.",
        ("Donna Jones", "national lead on serious violence", "apcc", None),
    ),
    # a role, its body, then the name
    (
        "Inspectors have criticised the force.\n\nChief Constable of Sussex Police Jo Shiner\n\n"
        "His Majesty's Inspector of Constabulary Roy Wilsher said Sussex Police must improve.",
        ("Jo Shiner", "chief-constable", "sussex", None),
    ),
    (
        "Police and Crime Commissioner for Dorset David Sidwick said he welcomed the findings.",
        ("David Sidwick", "police-and-crime-commissioner", "dorset", None),
    ),
    # a surname with a particle
    (
        "Dorset Police published its response. Deputy Chief Constable Sam de Reya said the "
        "Force welcomed the report.",
        ("Sam de Reya", "deputy-chief-constable", "dorset", None),
    ),
    (  # a force led by a Commissioner of Police, with no police and crime commissioner
        "HMICFRS inspected the Royal Gibraltar Police. Commissioner Ian McGrail said the "
        "force accepted the findings.",
        ("Ian McGrail", "commissioner", "royal-gibraltar-police", None),
    ),
    (  # ... and in capitals, though "De" is a word of a force's Welsh name
        "Surrey Police was rated inadequate. Chief Constable Tim De Meyer said: "
        '"We welcome the report."',
        ("Tim De Meyer", "chief-constable", "surrey", None),
    ),
    # in news of an inspection, an inspector of no force is the inspectorate's
    (
        "Her Majesty's Inspectorate of Constabulary (HMIC) published its report today. "
        'Inspector Zoe Billingham said she was "very pleased" with Kent Police.',
        ("Zoe Billingham", "hm-inspector-of-constabulary", "hmicfrs", None),
    ),
    # a qualifier in capitals before the title is no part of the name
    (
        "Temporary Deputy Chief Constable Liane James responded for Dyfed-Powys Police.",
        ("Liane James", "deputy-chief-constable", "dyfed-powys", "temporary"),
    ),
    # a first name by its initials
    (
        "Essex Police welcomed the findings. Deputy Chief Constable BJ Harrington said: "
        "“This is a positive report.”",
        ("BJ Harrington", "deputy-chief-constable", "essex", None),
    ),
    # a signature: the name on its line, the title on the next, the body after
    (
        "To:\nAndrew Marsh Esq QPM,\nChief Executive\nCollege of Policing\nSent on:\n10 "
        "February 2022",
        ("Andrew Marsh", "chief-executive", "college-of-policing", None),
    ),
    # an epithet for the person named just before
    (
        "Chief Inspector of Constabulary Andy Cooke said officers must stay neutral. The former "
        "Merseyside Chief Constable believes the service has lost its discipline.",
        ("Andy Cooke", "chief-constable", "merseyside", "former"),
    ),
    (  # a title as a verb, of the body after it
        "Marc Jones, who chairs the Association of Police and Crime Commissioners, said the "
        "report was welcome.",
        ("Marc Jones", "chair", "apcc", None),
    ),
    (  # "the chair of BODY, NAME": a context title before its body
        "The chair of the Association of Police and Crime Commissioners, Nick Alston, said: "
        "“I welcome this report.”",
        ("Nick Alston", "chair", "apcc", None),
    ),
    (  # past the name's own title after the comma
        "The Chair of Cleveland Fire Authority, Councillor David Coupe, also gave his "
        "reaction to the inspection.",
        ("David Coupe", "chair", "named-cleveland-fire-authority", None),
    ),
    (  # "Head of X RANK NAME": the title held in the rank's force
        "Gwent Police was inspected. Head of professional standards superintendent Sam "
        'Payne said: "This report is a real help."',
        ("Sam Payne", "head of professional standards", "gwent", None),
    ),
    (  # the second of two titles set off: "NAME, TITLE1, and the TITLE2, said"
        "Hampshire Constabulary was praised. Donna Jones, APCC Joint Victims Lead, and the "
        'Police and Crime Commissioner for Hampshire, said: "Work is being done."',
        ("Donna Jones", "police-and-crime-commissioner", "hampshire", None),
    ),
    (  # an inspectorate of constabulary's initials as its inspector's title
        "Police Scotland's counter-corruption unit was reviewed. HMICS Derek Penman said: "
        '"I found reasons for concern."',
        ("Derek Penman", "hm-inspector-of-constabulary", "hmics", None),
    ),
    (  # a post left, after "who": held no longer
        "Durham Constabulary was inspected. Mike Barton, who retired as chief constable "
        "last year, said it was unfair.",
        ("Mike Barton", "chief-constable", "durham", "former"),
    ),
    (  # "who has been acting ROLE since ...": held now, as acting
        "Durham Constabulary was inspected. Jo Farrell, who has been acting chief constable "
        "since May, said it was fair.",
        ("Jo Farrell", "chief-constable", "durham", "acting"),
    ),
    (  # a rank and a surname the article never gives in full: the person by the surname
        "Two officers were named in the South Yorkshire Police report: Ch Supt Duckenfield, "
        "who would have faced ten alleged breaches, and another.",
        ("Duckenfield", "chief-superintendent", "south-yorkshire", None),
    ),
    (  # "NAME, a TITLE of BODY"
        "Ben Murphy, a member of the City of London Police Authority Board, said it was good.",
        ("Ben Murphy", "member", "named-city-of-london-police-authority-board", None),
    ),
    (  # "ex-" joined to the title
        "Ex-chief constable Mike Barton said Durham Constabulary had been outstanding.",
        ("Mike Barton", "chief-constable", "durham", "former"),
    ),
    (  # a surname that is also a word of places' names
        "West Midlands Police was inspected. West Midlands Mayor Andy Street said it was fair.",
        ("Andy Street", "mayor-of-west-midlands", "west-midlands-combined-authority", None),
    ),
    (  # the opposition's spokesperson: a title of its own, held in no body
        "Yvette Cooper, Labour's shadow home secretary, said the report was damning.",
        ("Yvette Cooper", "shadow home secretary", None, None),
    ),
    (  # "the BODY's title for PLACE, NAME"
        "The Police Federation’s lead for Wales, Nicky Ryan, has welcomed the report.",
        ("Nicky Ryan", "lead for wales", "police-federation", None),
    ),
    (  # "NAME, BODY title" closing the sentence, the title one the scheme holds
        "The responses were welcomed by Assistant Chief Constable Tom Harding, College of "
        "Policing director.",
        ("Tom Harding", "director", "college-of-policing", None),
    ),
    (  # BODY title, then the holder's abbreviated rank before the name
        "National Police Chiefs' Council Vice Chair CC Rachel Swann confirmed the appointment.",
        ("Rachel Swann", "vice chair", "npcc", None),
    ),
    (  # NAME became ROLE: the name known as a person's by the verb before the title
        "Dyfed-Powys Police was rated good. When Mark Collins became Chief Constable in "
        "December 2016, he laid out three aims for the force.",
        ("Mark Collins", "chief-constable", "dyfed-powys", None),
    ),
]

# titles the scheme does not hold are no scheme role: "Deputy First Minister" is no
# Home Office "Minister"
NOT_ROLES = [
    (  # a qualifier opens no field before a title's head
        "Simon Cole, the former head of Leicestershire Police, was found dead at his home.",
        ("Simon Cole", "former head"),
    ),
    (
        "Senior Sinn Féin figures, among them Deputy First Minister Michelle O'Neill, attended.",
        ("Michelle O'Neill", "home-office-minister"),
    ),
    (  # a title inside a body's name is no one's
        "The chair of the Association of Police and Crime Commissioners, Nick Alston, said "
        "it was welcome.",
        ("Nick Alston", "police-and-crime-commissioner"),
    ),
    (  # the chair of a group within a body, not of the body
        "Katy Bourne, who chairs the APCC's Performance, Standards and Accountability Standing "
        "Group, gave this response.",
        ("Katy Bourne", "chair"),
    ),
    (  # a title after the "of" of a body's name is the body's, not the person's
        "Office of the Police and Crime Commissioner for Surrey chief executive Alison "
        "Bolton said the report was fair.",
        ("Alison Bolton", "police-and-crime-commissioner"),
    ),
    (  # a shadow minister is not the minister
        "Shadow home secretary Yvette Cooper said the report was damning.",
        ("Yvette Cooper", "home-secretary"),
    ),
    (  # CJI's head is no inspector of constabulary
        "The PSNI was inspected. CJI Brendan McGuigan said it was improving.",
        ("Brendan McGuigan", "hm-inspector-of-constabulary"),
    ),
    (  # a post to be taken up later is not held
        "Durham Constabulary was inspected. Jo Farrell, who will become chief constable in "
        "May, said it was fair.",
        ("Jo Farrell", "chief-constable"),
    ),
    (  # a heading of a title and a word is no one: "PFCC Response"
        "Northamptonshire Police was inspected.\n\nPFCC Response\n\nThe commissioner said "
        "the force had improved.",
        ("Response", "police-fire-and-crime-commissioner"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_roles_extracts_person_role_org(make_article, text, expected):
    claims = extract_article(make_article(text))
    got = {(r.person, r.role, r.org, r.qualifier) for r in claims.roles}
    assert expected in got


def test_roles_an_inspector_after_an_inspectorates_name_is_that_inspectorates(make_article):
    # "HMCPSI inspector": an inspector of the prosecution inspectorate, no inspector of
    # constabulary (the article is about HMICFRS too); "HMICS inspector": Scotland's
    a = make_article(
        "Rape victims failed\n\n'Victims are failed at every stage,' commented HMICFRS "
        "inspector Wendy Williams and HMCPSI inspector Andrew Cayley.\n\nIn Scotland, "
        "HMICS inspector Derek Penman said the same."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert got == {
        ("Wendy Williams", "hm-inspector-of-constabulary", "hmicfrs"),
        ("Andrew Cayley", "inspector", "hmcpsi"),
        ("Derek Penman", "hm-inspector-of-constabulary", "hmics"),
    }


def test_roles_a_chief_inspector_in_news_of_an_inspectorate_naming_no_force(make_article):
    # no police rank where the article names no force: the inspectorate's chief; where
    # it names one, the rank in that force
    a = make_article(
        "HMIC published its report on honour-based violence. Chief Inspector Sir Thomas "
        'Winsor said: "This report is one of the most important."'
    )
    got = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert got == {("Thomas Winsor", "hm-chief-inspector-of-constabulary", "hmicfrs")}
    b = make_article(
        "Kent Police was praised by HMIC. Chief Inspector John Smith said it was fair."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(b).roles}
    assert got == {("John Smith", "chief-inspector", "kent")}


def test_roles_two_titles_joined_by_and_are_both_the_holders(make_article):
    # the second title after "and" is the first one's holder's too, and one body's two
    # titles that begin alike are both held (neither is the other's short form)
    a = make_article(
        "HMICFRS inspected the fire service. Roy Wilsher, HM Inspector of Constabulary and "
        "HM Inspector of Fire and Rescue Services, said it was fair."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert got >= {
        ("Roy Wilsher", "hm-inspector-of-constabulary", "hmicfrs"),
        ("Roy Wilsher", "hm-inspector-of-fire-and-rescue-services", "hmicfrs"),
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # the names first, the plural title after the body
            "Karen Hill and Omar Patel, the APCC Leads for Road Safety, said the report "
            "was welcome.",
            "lead for road safety",
        ),
        (  # the title first, set off after the body's possessive
            "The APCC's Joint Rural Crime Leads, Karen Hill and Omar Patel, said the "
            "report was welcome.",
            "joint rural crime lead",
        ),
        (  # ... after "whose", the field after "on"
            "The reaction came from the Association of Police and Crime Commissioners "
            "(APCC), whose Joint Leads on Business Crime, Karen Hill and Omar Patel, "
            "issued a statement.",
            "joint lead on business crime",
        ),
        (  # ... each holder after a rank of their own
            "The comments came from the APCC Joint Rural Crime Leads, PCC Karen Hill and "
            "Deputy Mayor Omar Patel, who said it was welcome.",
            "joint rural crime lead",
        ),
    ],
)
def test_roles_a_plural_title_is_held_by_each_of_its_holders(make_article, text, title):
    # a title whose head noun is plural names the one each of two people holds
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got >= {("Karen Hill", title, "apcc"), ("Omar Patel", title, "apcc")}


def test_roles_a_title_set_off_before_its_holder_holds_no_name(make_article):
    # "IOPC Director General Rachel Watson, HMICFRS Chief Inspector ... Andy Cooke": the
    # capitalised words after the body run into a name, so they are no title of the next
    a = make_article(
        "The plan was welcomed by IOPC Director General Rachel Watson, HMICFRS Chief "
        "Inspector of Constabulary Sir Andy Cooke and others."
    )
    roles = extract_article(a).roles
    assert not any("watson" in r.role for r in roles)


@pytest.mark.parametrize(
    "text",
    [
        "The Police and Crime Commissioner has welcomed the report on Lincolnshire Police.",
        "Inspectors said Lancashire Police was improving.",
        "PCC Marc Jones has asked the Chief Constable for assurances.",
    ],
)
def test_roles_needs_a_named_person(make_article, text):
    claims = extract_article(make_article(text))
    assert all(r.person == "Marc Jones" for r in claims.roles)


def test_roles_a_title_two_inspectorates_share_is_the_one_of_the_articles_country(
    make_article,
):
    # "the Chief Inspector of Constabulary" in news of Police Scotland is HMICS's chief,
    # and the report he speaks of is HMICS's; in news of an English force, HMICFRS's
    a = make_article(
        "Police Scotland has done a great deal to improve how it deals with domestic abuse, "
        "according to the Chief Inspector of Constabulary, Craig Naylor.\n\nIn a report, "
        "Naylor pointed to the need for better training."
    )
    claims = extract_article(a)
    assert [(c.person, c.role, c.org) for c in claims.roles] == [
        ("Craig Naylor", "hm-chief-inspector-of-constabulary-in-scotland", "hmics")
    ]
    assert {r.publisher for r in claims.reports} == {"hmics"}
    b = make_article(
        "Kent Police has done a great deal to improve, according to the Chief Inspector of "
        "Constabulary, Andy Cooke.\n\nIn a report, Cooke pointed to the need for training."
    )
    claims = extract_article(b)
    assert [(c.role, c.org) for c in claims.roles] == [
        ("hm-chief-inspector-of-constabulary", "hmicfrs")
    ]
    assert {r.publisher for r in claims.reports} == {"hmicfrs"}


def test_roles_keep_people_who_share_a_surname_apart(make_article):
    a = make_article(
        "Interim Chief Constable Dave Jones of South Yorkshire Police met "
        "PCC Marc Jones of Lincolnshire Police. Mr Jones said: “We talked at length "
        "about the inspection.”"
    )
    claims = extract_article(a)
    assert {r.person for r in claims.roles} == {"Dave Jones", "Marc Jones"}


@pytest.mark.parametrize(
    "text",
    [
        # a commissioner of a complaints body is no police and crime commissioner
        "South Wales Police failed the woman. Jan Williams, IPCC Commissioner for Wales, told "
        "Capital that things had to change.",
        # a byline read off a heading is no person
        "Statement from West Yorkshire's Police and Crime Commissioner on the HMIC report.",
    ],
)
def test_roles_none_for_another_bodys_title(make_article, text):
    claims = extract_article(make_article(text))
    assert not [r for r in claims.roles if r.role == "police-and-crime-commissioner"]


def test_roles_a_short_title_is_the_full_one_held_in_the_article(make_article):
    text = (
        "Chief Inspector Jacqui Durkin visited. Jacqui Durkin, the chief inspector of criminal "
        "justice in Northern Ireland, said the PSNI had made progress."
    )
    claims = extract_article(make_article(text))
    assert {(r.person, r.role) for r in claims.roles} == {
        ("Jacqui Durkin", "chief-inspector-of-criminal-justice-in-northern-ireland")
    }


def test_roles_a_qualifier_before_the_body_is_the_titles(make_article):
    text = (
        "Both the former PSNI chief constable George Hamilton and the ombudsman believed it was "
        "human error."
    )
    claims = extract_article(make_article(text))
    assert {(r.person, r.role, r.qualifier) for r in claims.roles} == {
        ("George Hamilton", "chief-constable", "former")
    }


@pytest.mark.parametrize(("text", "absent"), NOT_ROLES)
def test_roles_leave_out_titles_the_scheme_does_not_hold(make_article, text, absent):
    claims = extract_article(make_article(text))
    assert absent not in {(r.person, r.role) for r in claims.roles}
    assert any(p.name == absent[0] for p in claims.people) or not claims.people


# Titles held where the text puts them, in the shapes of news English
SHAPES = [
    (  # THE ROLE of ORG, NAME,
        "Kent Police was inspected.\n\nThe Chief Constable of Kent Police, Alan Pughsley, said "
        "the force would improve.",
        ("Alan Pughsley", "chief-constable", "kent", None),
    ),
    (
        "Kent Police was inspected.\n\nThe Police and Crime Commissioner for Kent, Matthew "
        "Scott, said it was a fair report.",
        ("Matthew Scott", "police-and-crime-commissioner", "kent", None),
    ),
    (  # a lower-case chairman or chairwoman, of the body named before or after
        "HMICS reviewed the authority.\n\nSusan Deacon, the SPA chairwoman, defended it.",
        ("Susan Deacon", "chair", "scottish-police-authority", None),
    ),
    (
        "HMICS reviewed the authority.\n\nThe chairman of the Scottish Police Authority, "
        "Susan Deacon, said the board was pressing ahead.",
        ("Susan Deacon", "chair", "scottish-police-authority", None),
    ),
    (  # ROLE and another TITLE, then the name: both hers
        "HMIC inspected Northumbria Police.\n\nNorthumbria Police and Crime Commissioner and "
        "APCC Victims Lead Dame Vera Baird QC said the report was a wake-up call.",
        ("Vera Baird", "police-and-crime-commissioner", "northumbria", None),
    ),
    (  # NAME, TITLE and ROLE: the second title hers too
        "HMICFRS reviewed the response to the disorder.\n\nEmily Spurrell, APCC Chair and PCC "
        "for Merseyside, said the review was welcome.",
        ("Emily Spurrell", "police-and-crime-commissioner", "merseyside", None),
    ),
    (  # "the Chief Inspector of BODY": the one who leads the inspectorate
        "Greater Manchester Police was inspected.\n\nAndy Cooke, the Chief Inspector of "
        "HMICFRS, said he was pleased with the progress the force had made.",
        ("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # "prison inspectors" name the prisons inspectorate, whose head is a Chief Inspector
        "Prison inspectors have today set out serious concerns about HMYOI Glen Parva, with "
        "Chief Inspector Nick Hardwick observing that the model does not work.",
        (
            "Nick Hardwick",
            "hm-chief-inspector-of-prisons",
            "his-majesty-s-inspectorate-of-prisons",
            None,
        ),
    ),
    (  # an inspector in lower case, in news of an inspection
        "HMIC published a report on missing children.\n\nIn the report, inspector Wendy "
        "Williams says the inspection found inconsistencies between forces.",
        ("Wendy Williams", "hm-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # a mayor in news of a force whose area the mayor's office polices
        "The Met was criticised by HMICFRS.\n\nIts conclusion is a rebuke to Mayor Sadiq "
        "Khan, who called the police's actions unacceptable.",
        ("Sadiq Khan", "mayor-of-london", "greater-london-authority", None),
    ),
    (  # a commissioner of the complaints commission in news of its investigation
        "The IPCC investigated Devon and Cornwall Police.\n\nCommissioner Rachel Cerfontyne "
        "said it would be for the Crown Prosecution Service to decide.",
        ("Rachel Cerfontyne", "ipcc-commissioner", "ipcc", None),
    ),
    (  # ... but beside a force a Commissioner leads, that force's Commissioner
        "The IPCC investigated the Metropolitan Police.\n\nCommissioner Sir Bernard "
        "Hogan-Howe said the force would cooperate.",
        ("Bernard Hogan-Howe", "commissioner", "metropolitan", None),
    ),
    (  # a title of the scheme in lower case after the name, with its body
        "HMIC reviewed West Yorkshire Police.\n\nMark Burns-Williamson, chair of the "
        "Association of Police Authorities, said there was more to do.",
        ("Mark Burns-Williamson", "chair", "named-association-of-police-authorities", None),
    ),
    (  # a title outside the scheme, in the article's words
        "The IPCC reviewed the cases.\n\nRachel Cerfontyne, Deputy Chair of the IPCC, said "
        "the work had revealed themes of failure.",
        ("Rachel Cerfontyne", "deputy chair", "ipcc", None),
    ),
    (  # BODY title NAME, a title outside the scheme in lower case
        "The IOPC investigated West Mercia Police.\n\nIOPC regional director Derrick Campbell "
        "said he had referred the case to the CPS.",
        ("Derrick Campbell", "regional director", "iopc", None),
    ),
    (  # "NAME, the BODY Title for ...," the title in capitals
        "The inspection was published.\n\nChief Constable BJ Harrington, the National Police "
        "Chiefs’ Council Lead for Public Order and Public Safety, said it was fair.",
        ("BJ Harrington", "lead for public order and public safety", "npcc", None),
    ),
    (  # "BODY, title NAME"
        "HMIC published its report.\n\nGiving the response of Rape Crisis England & Wales, "
        "spokeswoman Katie Russell said it was welcome.",
        ("Katie Russell", "spokeswoman", "rape-crisis", None),
    ),
    (  # "NAME, HM title in lower case,"
        "HMIP and HMICFRS inspected custody in Thames Valley Police.\n\nPeter Clarke, HM chief "
        "inspector of prisons, said the inspection was a positive one.",
        (
            "Peter Clarke",
            "hm-chief-inspector-of-prisons",
            "his-majesty-s-inspectorate-of-prisons",
            None,
        ),
    ),
    (  # a rank in lower case before a name
        "Thames Valley Police custody was inspected.\n\nResponding to the report, "
        "superintendent Katy Barrow-Grint, head of criminal justice, said it was a priority.",
        ("Katy Barrow-Grint", "superintendent", "thames-valley", None),
    ),
    (  # "NAME, the inspector for ..., said": in news of an inspection, an HM inspector
        "HMIC published its report on domestic abuse in Lancashire.\n\nRoger Baker, the "
        "inspector for the north, said the force had improved.",
        ("Roger Baker", "hm-inspector-of-constabulary", "hmicfrs", None),
    ),
    (  # "Chief Inspector" in news of an inspectorate whose head is one
        "Criminal Justice Inspection Northern Ireland (CJI) published its report today, and "
        "Chief Inspector Brendan McGuigan recommended that the PSNI act.",
        (
            "Brendan McGuigan",
            "chief-inspector-of-criminal-justice-in-northern-ireland",
            "cji",
            None,
        ),
    ),
    (
        "HM Inspectorate of Constabulary in Scotland published its review.\n\nChief inspector "
        "Craig Naylor said the ambitions set for Police Scotland had been met.",
        ("Craig Naylor", "hm-chief-inspector-of-constabulary-in-scotland", "hmics", None),
    ),
    (  # "police commissioner" of a force a Commissioner does not lead: its PCC
        "Northamptonshire Police was inspected.\n\nChief Constable Adrian Lee and police "
        "commissioner Adam Simmonds said it was fair.",
        ("Adam Simmonds", "police-and-crime-commissioner", "northamptonshire", None),
    ),
    (  # a qualified title in lower case, and a qualifier before "FORCE chief"
        "The Met was inspected.\n\nHMIC had written to acting commissioner Stephen House "
        "about the problems.",
        ("Stephen House", "commissioner", "metropolitan", "acting"),
    ),
    (
        "Sadiq Khan, right, with former Met Police chief Dame Cressida Dick, who quit.",
        ("Cressida Dick", "commissioner", "metropolitan", "former"),
    ),
    (  # an inspector's title names its sector: not the lead inspectorate's if another
        "HMIC inspected the custody suites of Bedfordshire Police with the prisons "
        "inspectorate.\n\nChief Inspector of Prisons Nick Hardwick said the cells were dirty.",
        (
            "Nick Hardwick",
            "hm-chief-inspector-of-prisons",
            "his-majesty-s-inspectorate-of-prisons",
            None,
        ),
    ),
    (
        "HM Inspectorate of Constabulary in Scotland reviewed Police Scotland.\n\nHM "
        "Inspector of Constabulary Derek Penman said the force had made progress.",
        ("Derek Penman", "hm-inspector-of-constabulary", "hmics", None),
    ),
    (  # a party before the title is the holder's affiliation, not its body
        "South Yorkshire Police was inspected by HMICFRS.\n\nLabour PCC Alan Billings said "
        "the report was fair.",
        ("Alan Billings", "police-and-crime-commissioner", "south-yorkshire", None),
    ),
    (
        "HMICFRS inspected Surrey Police.\n\nLiberal Democrats have accused Lisa Townsend, "
        "Surrey's Conservative Police and Crime Commissioner (PCC), of failing.",
        ("Lisa Townsend", "police-and-crime-commissioner", "surrey", None),
    ),
    (  # a title used only in context ("the Chief"), after the name it is in apposition to
        "Bedfordshire Police was inspected by HMIC.\n\nJon Boucher, the new Chief, is "
        "exceptionally able, the MP said.",
        ("Jon Boucher", "chief-constable", "bedfordshire", None),
    ),
    (  # ... but the rank, where a force is named after the name
        "HM Inspectorate of Prisons reported on HMP Leeds.\n\nChief Inspector John Smith of "
        "West Yorkshire Police said officers were proud of the prison liaison team.",
        ("John Smith", "chief-inspector", "west-yorkshire", None),
    ),
    (  # ... also set off by commas, past another force the sentence names before
        "The Chief Constable of Police Scotland commissioned the work, which was carried "
        "out by Deputy Chief Constable Mark Roberts, of South Yorkshire Police, who leads "
        "on football policing.",
        ("Mark Roberts", "deputy-chief-constable", "south-yorkshire", None),
    ),
    (  # a CPS area's head, held in the area named with the title ...
        "Inspectors praised the area.\n\nPaul Whittaker, CBE, Chief Crown Prosecutor of CPS "
        "Mersey-Cheshire, said the work was good.",
        ("Paul Whittaker", "chief-crown-prosecutor", "cps-mersey-cheshire", None),
    ),
    (  # ... by its initials too
        "Inspectors praised the area.\n\nIn a statement, Adrian Foster, chief crown "
        "prosecutor for TCCPS, said work had already started.",
        ("Adrian Foster", "chief-crown-prosecutor", "cps-thames-and-chiltern", None),
    ),
    (  # an office one person holds, in the office's body
        "Strip-searches of children\n\nChildren's Commissioner Rachel de Souza said police "
        "faced a big job.",
        ("Rachel de Souza", "childrens-commissioner", "childrens-commissioner-for-england", None),
    ),
    (
        "Forensics warning\n\nDr Gillian Tully, the Forensic Science Regulator, said funding "
        "was short.",
        ("Gillian Tully", "forensic-science-regulator", "forensic-science-regulator", None),
    ),
    (  # a post commanding a part of a force, beside the rank its holder has
        "Police Scotland was inspected.\n\nChief Superintendent George MacDonald, the "
        "divisional commander for the Highlands and Islands, said so.",
        ("George MacDonald", "divisional-commander", "police-scotland", None),
    ),
    (
        "Police Scotland was inspected.\n\nLocal Policing Commander Gary Ritchie said he was "
        "proud.",
        ("Gary Ritchie", "local-policing-commander", "police-scotland", None),
    ),
    (  # a one-word title in lower case right before a full name
        "North Yorkshire Police was inspected.\n\nThe panel urged commissioner Zoe Metcalfe "
        "to wait.",
        ("Zoe Metcalfe", "police-and-crime-commissioner", "north-yorkshire", None),
    ),
]


def test_roles_a_lower_case_title_word_is_no_title_inside_a_longer_one(make_article):
    # "regional director", "Immigration minister": the longer title or none, never the word
    # (the Immigration Minister is a Home Office minister)
    a = make_article(
        "The IOPC investigated.\n\nIOPC regional director Derrick Campbell said it was "
        "thorough. Immigration minister Damian Green disagreed. The mayor said the "
        "commissioner would act."
    )
    roles = {(r.person, r.role) for r in extract_article(a).roles}
    assert ("Derrick Campbell", "director") not in roles
    assert {role for person, role in roles if person == "Damian Green"} == {"home-office-minister"}


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_roles_in_the_shapes_of_news_english(make_article, text, expected):
    claims = extract_article(make_article(text))
    assert expected in {(r.person, r.role, r.org, r.qualifier) for r in claims.roles}


def test_roles_force_chief_yields_to_the_title_the_article_gives(make_article):
    a = make_article(
        "West Yorkshire Police chief Mark Burns-Williamson has hit back at criticism.\n\n"
        "Police and Crime Commissioner for West Yorkshire Mark Burns-Williamson said so."
    )
    roles = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert roles == {("Mark Burns-Williamson", "police-and-crime-commissioner", "west-yorkshire")}


def test_roles_a_preposition_ends_no_title(make_article):
    a = make_article(
        "The IOPC investigated.\n\nAllegation of excessive force by South Wales Police "
        "officer on Mohamud Hassan found not proven."
    )
    assert extract_article(a).roles == ()


def test_roles_a_qualifier_alone_after_a_body_is_no_title(make_article):
    # found by the property test: "HMIC acting 0" left an empty title
    assert extract_article(make_article("HMIC acting 0")).roles == ()


def test_roles_a_title_head_is_no_part_of_a_name(make_article):
    a = make_article("APCC Victims Lead Vera Baird said the report was a wake-up call.")
    assert {p.name for p in extract_article(a).people} == {"Vera Baird"}


def test_roles_a_rank_held_in_a_named_force_is_not_also_held_in_none(make_article):
    a = make_article(
        "Chief constable to retire\n\nHumberside Chief Constable Justine Curran has announced "
        "she is retiring.\n\nIn a statement, CC Curran said she was proud."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Justine Curran", "chief-constable", "humberside")
    }


def test_roles_a_rank_of_no_named_force_is_held_in_the_force_a_title_names(make_article):
    a = make_article(
        "Chief constable to face hearing\n\nPolice, fire and crime commissioner Stephen Mold "
        "has announced the outcome of the investigation.\n\nThe watchdog said Nick Adderley, the "
        "Chief Constable of Northamptonshire, would face a hearing."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Stephen Mold", "police-fire-and-crime-commissioner", "northamptonshire"),
        ("Nick Adderley", "chief-constable", "northamptonshire"),
    }


def test_roles_the_chief_inspector_of_constabularies_is_hmcic(make_article):
    a = make_article(
        "Sir Tom Winsor, the Chief Inspector of Constabularies, has set out his own account of "
        "the complaint by Bedfordshire Police."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Tom Winsor", "hm-chief-inspector-of-constabulary", "hmicfrs")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Detective Chief Superintendent Neil Corrigan, head of crime and criminal justice "
            "at Dorset Police, said the force welcomed the findings.",
            ("Neil Corrigan", "head of crime and criminal justice", "dorset"),
        ),
        (
            "Responding to the report on Thames Valley Police, superintendent Katy Barrow-Grint, "
            "head of criminal justice, said the force would act.",
            ("Katy Barrow-Grint", "head of criminal justice", "thames-valley"),
        ),
    ],
)
def test_roles_a_title_with_its_own_of_is_held_in_the_named_or_ranked_force(
    make_article, text, expected
):
    assert expected in {
        (r.person, r.role, r.org) for r in extract_article(make_article(text)).roles
    }


def test_roles_a_deputy_is_not_the_holder_of_the_title(make_article):
    a = make_article(
        "Statement from Deputy Mayor Bev Hughes\n\nDeputy Mayor Bev Hughes said Greater "
        "Manchester Police had let victims down."
    )
    assert not any(r.role.startswith("mayor") for r in extract_article(a).roles)


def test_roles_a_capitalised_title_outside_the_scheme_after_its_body(make_article):
    a = make_article(
        "Association response\n\nPSA President Paul Griffiths sets out the Association's "
        "response to the report:"
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Paul Griffiths", "president", "police-superintendents-association")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two capitalised words: a modifier and the head ("General Secretary")
        (
            'Napo General Secretary Ian Lawrence said: "Ever since the changes, we warned."',
            ("Ian Lawrence", "general secretary", "napo"),
        ),
        # ... and the same set off by commas
        (
            "Napo General Secretary, Ian Lawrence, said that staff had kept standards up.",
            ("Ian Lawrence", "general secretary", "napo"),
        ),
        # a title after its body and the name with no comma before the verb
        (
            'Ben Priestley, UNISON National Officer said: "Today\'s report is worrying."',
            ("Ben Priestley", "national officer", "unison"),
        ),
        # a party's spokesperson for a field, before the name or after it
        (
            "Scottish Labour justice spokesman Claire Baker said: 'The SPA needs change.'",
            ("Claire Baker", "justice spokesman", "named-scottish-labour"),
        ),
        (
            "Liam McArthur, justice spokesman for the Scottish Liberal Democrats, said it "
            "was wrong.",
            ("Liam McArthur", "justice spokesman", "named-scottish-liberal-democrats"),
        ),
        # a capitalised title with its field after "of", between the body and the name
        (
            'IOPC Director of Operations Amanda Rowe said: "The crimes appalled the nation."',
            ("Amanda Rowe", "director of operations", "iopc"),
        ),
        (
            "NCA Director of Investigations Nikki Holland said the report was fair.",
            ("Nikki Holland", "director of investigations", "nca"),
        ),
        # the body named again by its head noun, in the possessive before the title
        (
            "The Police Federation of England and Wales objected. Tiffany Lynch, the "
            'federation\'s deputy chairwoman, said: "Policing should never be political."',
            ("Tiffany Lynch", "deputy chairwoman", "police-federation"),
        ),
        (
            "The Law Society was unhappy. Richard Miller, the Society's head of justice, "
            "said: 'We have called for limits.'",
            ("Richard Miller", "head of justice", "named-law-society"),
        ),
    ],
)
def test_roles_a_title_outside_the_scheme_beside_its_body(make_article, text, expected):
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert expected in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body with the kind of body it is, after honours: not the body the article
        # named before, which a title any body has would otherwise be guessed to be in
        (
            "The Crown Prosecution Service was criticised. Sandra Horley CBE, chief "
            "executive of national domestic violence charity Refuge, said: 'We are angry.'",
            {("Sandra Horley", "chief-executive", "named-refuge")},
        ),
        # a body known by an acronym it goes by in context, the kind of body its context
        (
            "But Steve Gillan, general secretary of the prison officers union POA, said the "
            "outcome had been entirely predictable.",
            {("Steve Gillan", "general secretary", "prison-officers-association")},
        ),
        # the title and its body before the name, set off by commas
        (
            "The secretary of Derbyshire Police Federation, Kirsty Bunn, has said she is "
            "deeply concerned by the report.",
            {("Kirsty Bunn", "secretary", "named-derbyshire-police-federation")},
        ),
        (
            "The chief executive of the charity Refuge, Sandra Horley, said it was stark.",
            {("Sandra Horley", "chief-executive", "named-refuge")},
        ),
    ],
)
def test_roles_a_title_of_a_body_named_with_its_kind(make_article, text, expected):
    assert {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles} == (
        expected
    )


def test_roles_a_spokesman_who_says_something_of_a_named_person_is_no_title_of_theirs(
    make_article,
):
    a = make_article(
        "A Department of Justice spokesman said Ms Long had not been asked to commission a "
        "new report. Justice Minister Naomi Long said nothing."
    )
    assert not any("said" in r.role for r in extract_article(a).roles)


def test_roles_a_rank_the_article_places_in_a_named_force_is_not_also_the_main_forces(
    make_article,
):
    a = make_article(
        "Inspectors grade Avon and Somerset and Gloucestershire police forces\n\nAvon and "
        "Somerset Police were rated good in every area by Avon and Somerset's inspectors, and "
        "Avon and Somerset Police welcomed it.\n\nRod Hansen, deputy chief constable of "
        "Gloucestershire Police, said the report pleased his force.\n\nDCC Hansen went on to "
        "say that the force had begun an action plan."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Rod Hansen", "deputy-chief-constable", "gloucestershire")
    }


def test_roles_name_verb_phrase_as_role(make_article):
    a = make_article(
        "New chief\n\nRod Hansen took office today as Gloucestershire's new chief constable, "
        "after the retirement of Suzette Davenport."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Rod Hansen", "chief-constable", "gloucestershire")
    }


def test_roles_a_force_by_its_place_in_apposition_and_a_departing_chief(make_article):
    a = make_article(
        "Child abuse report\n\nOne force, Surrey, had its handling of child abuse complaints "
        "criticised as inadequate.\n\nLynne Owens, the force's departing chief constable, has "
        "been named as the next head of the National Crime Agency."
    )
    assert ("Lynne Owens", "chief-constable", "surrey", None) in {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(a).roles
    }


def test_roles_force_boss_name_is_the_forces_chief(make_article):
    a = make_article(
        "Review row\n\n*Former Met Police boss Cressida Dick (left) and London mayor Sadiq Khan "
        "(right)*\n\nThe mayor was criticised in the review."
    )
    assert ("Cressida Dick", "commissioner", "metropolitan", "former") in {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(a).roles
    }


def test_roles_a_role_ending_its_sentence_is_held_by_the_next_sentences_named_subject(
    make_article,
):
    a = make_article(
        "Police must do better\n\nThe way Staffordshire Police deal with domestic violence "
        "leaves room to improve, according to the county's police and crime commissioner.\n\n"
        "Matthew Ellis was responding to the inspectorate's report published this week."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Matthew Ellis", "police-and-crime-commissioner", "staffordshire")
    }
    # a person named before is not the role's holder by position alone
    b = make_article(
        "Police must do better\n\nMatthew Ellis chairs the county's panel.\n\nThe way "
        "Staffordshire Police deal with domestic violence leaves room to improve, according "
        "to the county's police and crime commissioner.\n\nMatthew Ellis was responding to it."
    )
    assert extract_article(b).roles == ()
    # a role ending a sentence as its object is no source of words
    c = make_article(
        "Complaint\n\nThe complaint went to the county's police and crime commissioner.\n\n"
        "Matthew Ellis said he was told of it later."
    )
    assert extract_article(c).roles == ()


def test_roles_a_post_left_as_the_verb_says_is_a_former_one(make_article):
    a = make_article(
        "Review row\n\nThe mayor clashed with the inspector after Cressida Dick resigned as "
        "Met Commissioner earlier this year."
    )
    assert {(r.person, r.role, r.qualifier) for r in extract_article(a).roles} == {
        ("Cressida Dick", "commissioner", "former")
    }


def test_roles_a_post_told_as_left_around_its_title_is_a_former_one(make_article):
    # the time of holding it set past ("at the time", "during her time as") or its
    # holder's leaving named before the title ("the resignation of")
    a = make_article(
        "Special measures\n\nThe scandal cost Ian Hopkins, the chief constable at the time, "
        "his job at Greater Manchester Police.\n\nThe report was commissioned by Theresa May "
        "during her time as Home Secretary.\n\nThe failings at Cleveland Police led to the "
        "resignation of Chief Constable Mike Veale."
    )
    assert {(r.person, r.role, r.qualifier) for r in extract_article(a).roles} == {
        ("Ian Hopkins", "chief-constable", "former"),
        ("Theresa May", "home-secretary", "former"),
        ("Mike Veale", "chief-constable", "former"),
    }


def test_roles_a_ranks_letters_among_a_names_honours_are_an_honour(make_article):
    # "CBE PC" after a peer's name: a Privy Counsellor, not a police constable
    a = make_article(
        "Letter\n\nTo: The Rt Hon the Lord Herbert of South Downs CBE PC, Chairman of the "
        "College of Policing."
    )
    assert {(r.person, r.role) for r in extract_article(a).roles} == {
        ("Lord Herbert of South Downs", "chair")
    }


def test_roles_a_title_whose_area_is_two_places_then_the_name(make_article):
    # "for Wiltshire and Swindon": the area's last place is no part of the name after it
    a = make_article(
        "Legitimacy\n\nPolice and Crime Commissioner for Wiltshire and Swindon Angus "
        'Macpherson said: "I was delighted to see the force regarded as outstanding."'
    )
    claims = extract_article(a)
    assert {p.name for p in claims.people} == {"Angus Macpherson"}
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Angus Macpherson", "police-and-crime-commissioner", "wiltshire")
    }
    assert [q.speaker for q in claims.quotes] == ["Angus Macpherson"]


def test_roles_his_role_as_a_title_is_the_person_named_before(make_article):
    a = make_article(
        "Review row\n\nSadiq Khan said the review was flawed.\n\nA former Home Secretary pushed "
        "for Sadiq Khan to be impeached from his role as Mayor of London."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Sadiq Khan", "mayor-of-london", "greater-london-authority")
    }


def test_roles_a_name_in_brackets_after_a_title_holds_it(make_article):
    a = make_article(
        "Written statement\n\nThe Secretary of State for the Home Department (Theresa May): On "
        "7 November 2012 I formally commissioned HMIC to carry out a review."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Theresa May", "home-secretary", "home-office")
    }


def test_roles_an_inspector_of_an_inspectorate_in_apposition_without_the(make_article):
    a = make_article(
        "Force told to improve\n\nBut Zoë Billingham, inspector at HMIC, said she had 'some "
        "serious concerns' over crime recording.\n\nJohn Smith, inspector at Kent Police, said "
        "the force would respond."
    )
    roles = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert ("Zoë Billingham", "hm-inspector-of-constabulary", "hmicfrs") in roles
    assert not any(p == "John Smith" and o == "hmicfrs" for p, _, o in roles)


def test_roles_a_force_named_only_in_a_title_is_the_articles_force(make_article):
    # no sentence names the force outright: the place in "the chief constable of Avon
    # and Somerset" is the force the PCC is held in
    a = make_article(
        "Chief told to go\n\nThe chief constable of Avon and Somerset ought to resign, the "
        "inspector said.\n\nPCC Sue Mountstevens has written to him."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Sue Mountstevens", "police-and-crime-commissioner", "avon-and-somerset"),
    }


def test_roles_an_honorific_after_and_is_no_title_of_the_holder(make_article):
    # "ROLE and TITLE NAME" gives both titles to NAME; "the PCC and Mr Gargan" are two
    a = make_article(
        "Chief told to go\n\nNick Gargan ought to resign as Chief Constable of Avon and "
        "Somerset, the inspector said.\n\nThe panel can call on both the PCC and Mr Gargan "
        "to address it."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} == {
        ("Nick Gargan", "chief-constable", "avon-and-somerset"),
    }


def test_roles_the_title_opening_the_sentence_after_a_name_is_an_epithet(make_article):
    # "the home secretary" right after Priti Patel, who has no other role, and no one else
    # holds it; not when the title already has a holder
    a = make_article(
        "Row\n\nPriti Patel welcomed the announcement. The home secretary's spokesman then "
        "went on the attack against the mayor."
    )
    assert {(r.person, r.role) for r in extract_article(a).roles} == {
        ("Priti Patel", "home-secretary")
    }
    a = make_article(
        "Row\n\nHome Secretary Suella Braverman spoke first. Priti Patel welcomed the "
        "announcement. The home secretary's spokesman then went on the attack."
    )
    assert {(r.person, r.role) for r in extract_article(a).roles} == {
        ("Suella Braverman", "home-secretary")
    }


def test_roles_a_rank_on_a_forces_own_site_is_held_in_that_force(tmp_path):
    # the page names no force: the site's name does
    from kg.ingest import read_article

    page = tmp_path / "pcc.txt"
    page.write_text(
        "Cleveland Police and Crime Commissioner\n\nPCC answers HMIC findings\n\n"
        "Barry Coppinger, the PCC, gave the following reaction to the report:\n\n"
        '"The strategy unveiled by the Temporary Chief Constable Iain Spittal puts '
        'vulnerable people first."\n',
        encoding="utf-8",
    )
    roles = {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(read_article(page)).roles
    }
    assert roles == {
        ("Barry Coppinger", "police-and-crime-commissioner", "cleveland", None),
        ("Iain Spittal", "chief-constable", "cleveland", "temporary"),
    }


def test_roles_a_bodys_title_stops_before_a_second_title(make_article):
    a = make_article(
        "Responding to the review's findings, Emily Spurrell, APCC Chair and PCC for "
        "Merseyside, said forces must act."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(a).roles}
    assert got == {
        ("Emily Spurrell", "chair", "apcc"),
        ("Emily Spurrell", "police-and-crime-commissioner", "merseyside"),
    }


def test_roles_a_title_after_a_rank_and_name_that_names_its_body_is_found_once(make_article):
    text = (
        "Det Supt Paul Goundry, head of safeguarding for Durham Constabulary, said the force "
        "was examining why its numbers are so low."
    )
    claims = extract_article(make_article(text))
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Paul Goundry", "detective-superintendent", "durham"),
        ("Paul Goundry", "head of safeguarding", "durham"),
    }


def test_roles_a_seat_before_a_name_is_how_one_holding_another_role_is_addressed(make_article):
    text = (
        "Cleveland Fire Brigade was inspected. The Chair of Cleveland Fire Authority, "
        "Councillor David Coupe, also gave his reaction. Councillor Jane Hill welcomed it."
    )
    got = {(r.person, r.role) for r in extract_article(make_article(text)).roles}
    assert ("David Coupe", "chair") in got
    assert ("David Coupe", "councillor") not in got
    assert ("Jane Hill", "councillor") in got  # a councillor and nothing else


def test_roles_a_title_opening_a_sentence_that_names_the_person_again_is_no_epithet(
    make_article,
):
    # the headline names her; the body's "The policing minister has picked NAME as ..." makes her the
    # one picked, not the minister
    a = make_article(
        "Anna Brookes lined up as new police chief\n\nThe policing minister has picked Anna Brookes as "
        "the person he wants to lead the force, angering the federation.\n\nMs Brookes "
        "must first appear before the police and crime panel."
    )
    assert not [r for r in extract_article(a).roles if r.person == "Anna Brookes"]


def test_roles_as_opening_a_clause_whose_subject_is_the_title_gives_no_one_the_title(
    make_article,
):
    # "as" is a conjunction here ("while the PCC finds ..."), not "in the post of"
    a = make_article(
        "Durham chief constable Jo Farrell suspended as PCC finds case to answer\n\n"
        "The force said it would co-operate."
    )
    assert {(r.person, r.role) for r in extract_article(a).roles} == {
        ("Jo Farrell", "chief-constable")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # offices named by their holder's title: the ombudsman for prisons and probation,
        # and the inspector of borders and immigration (no police rank "Chief Inspector")
        (
            "Nigel Newcomen, the Prisons and Probation Ombudsman, said suicides had risen.",
            (
                "Nigel Newcomen",
                "prisons-and-probation-ombudsman",
                "prisons-and-probation-ombudsman",
            ),
        ),
        (
            "John Vine, chief inspector of borders and immigration, said queues were long.",
            ("John Vine", "independent-chief-inspector-of-borders-and-immigration", "icibi"),
        ),
    ],
)
def test_roles_an_office_named_by_its_holders_title(make_article, text, expected):
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {expected}


def test_roles_a_title_in_the_plural_is_held_by_each_of_the_names_after_it(make_article):
    text = (
        "Police Scotland was inspected. Councillors spent 90 minutes in talks with "
        "Assistant Chief Constables Andy Cowie and John Hawkins."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Andy Cowie", "assistant-chief-constable", "police-scotland") in got
    assert ("John Hawkins", "assistant-chief-constable", "police-scotland") in got
    assert not any("Constables" in r.person for r in extract_article(make_article(text)).roles)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the title's abbreviation after its place, then the name
            "Gwent Police was praised by the Police and Crime Commissioner for Gwent (PCC), "
            "Jeff Cuthbert, after a report.",
            ("Jeff Cuthbert", "police-and-crime-commissioner", "gwent"),
        ),
        (  # the region the title covers, then the name
            "In the latest report, HM Inspector of Constabulary for the Northern Region, "
            'Michael Cunningham said: "Humberside Police does not provide a consistent service."',
            ("Michael Cunningham", "hm-inspector-of-constabulary", "hmicfrs"),
        ),
    ],
)
def test_roles_a_title_its_place_or_region_then_the_name(make_article, text, expected):
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert expected in got


def test_roles_a_councillor_sits_on_the_one_council_the_article_names(make_article):
    a = make_article(
        "Walsall Council Tory leader Councillor Gary Perry had called for him to go. "
        "Cllr Suritta Brackenridge denies any wrongdoing."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(a).roles} >= {
        ("Gary Perry", "councillor", "named-walsall-council"),
        ("Suritta Brackenridge", "councillor", "named-walsall-council"),
    }
    # two councils named: which one is not said
    b = make_article(
        "Walsall Council and Dudley Council met. Councillor Gary Perry said it was wrong."
    )
    assert {(r.person, r.role, r.org) for r in extract_article(b).roles} == {
        ("Gary Perry", "councillor", None)
    }


def test_roles_a_chief_fire_officer_leads_the_fire_service_not_the_countys_police(
    make_article,
):
    # "for Gloucestershire" names the county, whose police force is no fire service
    text = (
        "Gloucestershire Fire and Rescue Service must do more, the inspectorate says. "
        "Mark Preece, Chief Fire Officer for Gloucestershire, said the service accepted "
        "the findings."
    )
    claims = extract_article(make_article(text))
    assert {(r.person, r.role, r.org) for r in claims.roles} == {
        ("Mark Preece", "chief-fire-officer", "named-gloucestershire-fire-and-rescue-service")
    }


def test_roles_a_county_s_chief_fire_officer_leads_its_fire_service(make_article):
    # "Buckinghamshire's" names the county, not its police force nor the union named
    text = (
        "Buckinghamshire Fire and Rescue Service was placed under monitoring. The Fire "
        'Brigades Union (FBU) described the progress as "positive". Buckinghamshire\'s '
        'Chief Fire Officer, Louise Harrison, said "everyone has played a vital role".'
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {
        ("Louise Harrison", "chief-fire-officer", "named-buckinghamshire-fire-and-rescue-service")
    }


def test_roles_a_chief_inspector_held_in_no_body_found_is_no_police_rank(make_article):
    # no force and no inspectorate named: the head of an inspectorate the article does
    # not name, not a police rank held nowhere; with a force, the rank is kept
    alone = make_article(
        "Police officers should be far more visible. Chief Inspector Andy Cooke said "
        "forces had chosen the wrong priorities."
    )
    assert [(r.person, r.role) for r in extract_article(alone).roles] == []
    ranked = make_article(
        "Kent Police was praised. Chief Inspector John Smith of Kent Police said the team "
        "had worked hard."
    )
    assert ("John Smith", "chief-inspector", "kent") in {
        (r.person, r.role, r.org) for r in extract_article(ranked).roles
    }


def test_roles_a_body_set_off_after_the_title_is_the_title_s(make_article):
    # a list of guests, as a committee's agenda gives them: "NAME, TITLE, BODY", the
    # body the one after the title, not the one the line before names
    text = (
        "The committee will hear from two guests.\n\n"
        "Diane Luchford, Chief Executive, MOPAC\n\n"
        "Yvonne Macnamara, Chief Executive, IPCC\n"
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {
        ("Diane Luchford", "chief-executive", "mopac"),
        ("Yvonne Macnamara", "chief-executive", "ipcc"),
    }


def test_roles_the_inspector_set_off_before_a_name_is_the_inspectorate_s(make_article):
    # "the Inspector, NAME,": a post, not a police rank (a rank comes right before its
    # holder's name); one of the inspectorate's inspectors, not an officer of the force
    text = (
        "Avon and Somerset Police has been told by HMICFRS that it must improve.\n\n"
        "According to the Inspector, Michelle Skeer, some of the problems are the same."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Michelle Skeer", "hm-inspector-of-constabulary", "hmicfrs")}


def test_roles_a_new_post_its_holder_moved_to(make_article):
    # "NAME moved to her new role as TITLE": a person, and the post she holds now (not
    # the one named before her)
    text = (
        "Francis Habgood became chief constable on Wednesday, after Sara Thornton moved to "
        "her new role as chairwoman of the National Police Chiefs Council."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Sara Thornton", "chair", "npcc") in got
    assert ("Francis Habgood", "chair", "npcc") not in got


def test_roles_a_force_s_title_in_the_one_police_area_an_article_names(make_article):
    # no force named, one police area ("Gloucestershire's police and crime panel"): a
    # force's title is held in that area's force
    text = (
        "Members of Gloucestershire's police and crime panel were told that an inspection "
        "had given the force five inadequate ratings. At the meeting, Police and Crime "
        "Commissioner Chris Nelson said the recruits would not now materialise."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Chris Nelson", "police-and-crime-commissioner", "gloucestershire")}
    # two areas named: which one is not said
    two = make_article(text + " Wiltshire's panel met on the same day.")
    got = {(r.person, r.role, r.org) for r in extract_article(two).roles}
    assert got == {("Chris Nelson", "police-and-crime-commissioner", None)}


def test_roles_an_indefinite_title_in_the_possessive_is_not_the_next_subject_s(make_article):
    # "A councillor's claim ... rejected by the Police and Crime Commissioner. / NAME,
    # ...": the next sentence's subject is not "a councillor"
    text = (
        "A councillor's claim that officer numbers have fallen by 41% has been rejected by "
        "the Police and Crime Commissioner, although the councillor insists it is right.\n\n"
        "Dafydd Llywelyn, commissioner since his election in 2016, told a full council "
        "meeting that Dyfed-Powys Police had 1,135 frontline officers."
    )
    got = {(r.person, r.role) for r in extract_article(make_article(text)).roles}
    assert ("Dafydd Llywelyn", "councillor") not in got
    # the title as a sentence's subject, alone in it: the next subject's
    one = make_article(
        "A chief constable has posted a video apology.\n\nNick Adderley said he was sorry."
    )
    got = {(r.person, r.role) for r in extract_article(one).roles}
    assert ("Nick Adderley", "chief-constable") in got


def test_roles_a_body_s_head_noun_alone_before_a_title(make_article):
    # "Committee chairman Keith Vaz": the committee named before, not the body the
    # article is most about
    text = (
        "The Home Affairs Committee criticised the IPCC. The IPCC must change, the IPCC "
        'was told.\n\nCommittee chairman Keith Vaz said: "The IPCC leaves the public '
        'frustrated."'
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Keith Vaz", "chair", "home-affairs-committee")}


def test_roles_the_royal_style_before_chief_inspector_is_no_police_rank(make_article):
    # "HM Chief Inspector NAME" in an article that names no inspectorate: the
    # constabulary's chief inspector (as "HM Inspector" alone is its inspector), not a
    # chief inspector of the force the article names
    text = (
        "HM Chief Inspector Andy Cooke says that he would like to see neighbourhood "
        "policing work.\n\nThe Devon and Cornwall Police Federation chair agreed."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs") in got
    assert not any(role == "chief-inspector" for _, role, _ in got)


def test_roles_the_chief_inspector_as_an_epithet_is_the_inspectorate_s_chief(make_article):
    # "NAME, ... chief of HMIC ... / The chief inspector pressed": the epithet of the
    # person named before is the inspectorate's chief, not a police chief inspector of
    # a force the article names
    text = (
        "Andy Cooke, setting out his first annual assessment as chief of His Majesty's "
        "Inspectorate of Constabulary (HMIC), cautioned that trust was limited.\n\n"
        "He voiced frustration that police forces, the Met among them, had failed to "
        "respond.\n\n"
        'Launching his report, Cooke said: "We have had horrendous acts."\n\n'
        "The chief inspector pressed the government to make it a legal requirement for "
        "forces to obey directions from the inspectorate."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs") in got
    assert ("Andy Cooke", "chief-inspector", "metropolitan") not in got


def test_roles_a_commissioner_title_outside_the_scheme_before_a_name(make_article):
    # "IPCC Associate Commissioner Tom Milsom": a commissioner's title the scheme does
    # not hold, after the body's name; the name after it is a person, who speaks
    text = (
        "IPCC Associate Commissioner Tom Milsom said: \u201cI hope today\u2019s inquest "
        "verdict brings some closure to the family.\u201d"
    )
    claims = extract_article(make_article(text))
    assert {(r.person, r.label, r.org) for r in claims.roles} == {
        ("Tom Milsom", "Associate Commissioner", "ipcc")
    }
    assert [(q.speaker_kind, q.speaker) for q in claims.quotes] == [
        (SpeakerKind.PERSON, "Tom Milsom")
    ]


def test_roles_two_titles_set_off_before_one_name_are_both_held(make_article):
    # "the Mayor of Greater Manchester and Police Crime Commissioner (PCC), Andy
    # Burnham,": one name set off after two titles joined by "and" holds both
    text = (
        "Chris Green MP has put his name to a letter to the Mayor of Greater Manchester "
        "and Police Crime Commissioner (PCC), Andy Burnham, asking him to act."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert {
        ("Andy Burnham", "mayor-of-greater-manchester", "greater-manchester-combined-authority"),
        ("Andy Burnham", "police-and-crime-commissioner", "greater-manchester"),
    } <= got


def test_roles_an_inspectorate_s_chief_or_boss_before_a_name(make_article):
    # "HMICFRS boss Andy Cooke": the title that leads the inspectorate, as "Met chief"
    # is the Commissioner
    text = "HMICFRS boss Andy Cooke said the force was failing."
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Andy Cooke", "hm-chief-inspector-of-constabulary", "hmicfrs")}


def test_roles_a_body_named_again_by_its_head_with_words_of_its_name(make_article):
    # "the police authority's interim chief executive": the body named before whose name
    # holds "police" and "authority", not the body the article names most
    text = (
        "The Home Office said Nottinghamshire Police Authority was in crisis.\n\n"
        "Last month the police authority's interim chief executive, David Wilcock, "
        "resigned after only two months in the post."
    )
    got = {
        (r.person, r.role, r.qualifier, r.org) for r in extract_article(make_article(text)).roles
    }
    assert got == {
        ("David Wilcock", "chief-executive", "interim", "named-nottinghamshire-police-authority")
    }


def test_roles_their_title_held_by_the_next_subject_named_first(make_article):
    # "... encouraged by their Police and Crime Commissioner ... / Sir Clive Loader said":
    # the sentence's one title, brought in with "their", is held by the next sentence's
    # subject named for the first time
    text = (
        "People across Leicestershire are being encouraged by their Police and Crime "
        "Commissioner to say thank you to police officers.\n\n"
        "Sir Clive Loader said a report out today by HMIC clearly demonstrates that local "
        "people can have confidence."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Clive Loader", "police-and-crime-commissioner", "leicestershire")}


def test_roles_a_lower_case_title_set_off_before_a_name(make_article):
    # "the Metropolitan Police's new commissioner, Sir Mark Rowley,": a one-word title in
    # lower case, after an owner or "the", set off before a full name
    text = (
        "Dame Rachel de Souza, who has met the Metropolitan Police's new commissioner, "
        "Sir Mark Rowley, said she was using her powers."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Mark Rowley", "commissioner", "metropolitan") in got
    # "The inspector, NAME," is a post, not a rank: with no inspectorate named, the
    # constabulary's inspector, not an inspector of the force
    text = (
        "Police in Northern Ireland were criticised in a report.\n\n"
        "The inspector, Wendy Williams, said online child sexual abuse ruined lives."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Wendy Williams", "hm-inspector-of-constabulary", "hmicfrs")}


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("Mr Trotter has served as the force's Deputy Chief Constable for five years.", None),
        ("Mr Trotter is the force's Deputy Chief Constable.", None),
        ("Mr Trotter served as deputy chief constable until last year.", "former"),
    ],
)
def test_roles_a_post_served_in_or_held_as_the_force_s(make_article, sentence, qualifier):
    # "has served as" and "is" give a post held now, "served as" one held before; "the
    # force's" is the force the article is about
    text = (
        "New chief for British Transport Police\n\n"
        "Andrew Trotter has been named by the British Transport Police Authority.\n\n"
        f"{sentence}"
    )
    got = {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(make_article(text)).roles
    }
    assert ("Andrew Trotter", "deputy-chief-constable", "btp", qualifier) in got


def test_roles_a_force_s_commissioner_is_the_commissioner_title_spelt_out_before(make_article):
    # "the commissioner" of a force is its police and crime commissioner, unless the
    # article spells out another commissioner's title (a PFCC also governs fire)
    text = (
        "Temporary chief ruling\n\n"
        "Staffordshire's police, fire and crime commissioner acted unlawfully, the High "
        "Court has ruled.\n\n"
        'The commissioner, Ben Adams, said the judgment turned on a "technical legal point".'
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Ben Adams", "police-fire-and-crime-commissioner", "staffordshire")}
    plain = text.replace("police, fire and crime commissioner", "police commissioner")
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(plain)).roles}
    assert got == {("Ben Adams", "police-and-crime-commissioner", "staffordshire")}


def test_roles_a_post_to_become_and_the_present_chief_inspector_of_its_inspectorate(
    make_article,
):
    # "backing to NAME ... to become the new TITLE": a choice, not a post held; "the
    # present Chief Inspector, NAME" is the chief of the inspectorate whose chief's full
    # title the article gives, not a police rank of the force it names
    text = (
        "Committee backs Kent chief constable\n\n"
        "MPs on the Commons Justice Committee have given their backing to Michael Fuller, "
        "at present Chief Constable of Kent, to become the new HM Chief Inspector of the "
        "Crown Prosecution Service, in a report published today.\n\n"
        "The Committee heard oral evidence from the present Chief Inspector, Stephen "
        "Wooler CB."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {
        ("Michael Fuller", "chief-constable", "kent"),
        ("Stephen Wooler", "hm-chief-inspector-of-the-crown-prosecution-service", "hmcpsi"),
    }


def test_roles_an_appointment_still_to_be_made_is_not_held(make_article):
    text = (
        "Preferred candidate named\n\n"
        "Craig Guildford, the chief constable of Nottinghamshire Police, has been put "
        "forward by PCC Simon Foster.\n\n"
        '"Craig Guildford has an extensive track record of high performance as a chief '
        'police officer," the PCC said, "and the panel was assured he demonstrated the '
        "competencies required in order to be appointed as chief constable of West Midlands "
        'Police."'
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Craig Guildford", "chief-constable", "nottinghamshire") in got
    assert ("Craig Guildford", "chief-constable", "west-midlands") not in got


@pytest.mark.parametrize(
    "sentence, holder, label",
    [
        (
            "Police Complaints Commissioner Michelle Norman said most complaints were resolved.",
            "Michelle Norman",
            "police complaints commissioner",
        ),
        (
            "Civil Service Commissioner Andrew Flanagan said the process was fair.",
            "Andrew Flanagan",
            "civil service commissioner",
        ),
    ],
)
def test_roles_an_office_named_before_commissioner_is_no_force_s(
    make_article, sentence, holder, label
):
    # capitalised words before "Commissioner" that name no place, body or force's
    # commissioner ("Mersey Crime Commissioner") make an office of their own, not the
    # article's force's police and crime commissioner
    text = f"Isle of Man Constabulary report\n\nThe Isle of Man Constabulary was praised.\n\n{sentence}"
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {(holder, label, None)}
    text = "Merseyside news\n\nMersey Crime Commissioner Jane Kennedy said it was fair."
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert got == {("Jane Kennedy", "police-and-crime-commissioner", "merseyside")}


@pytest.mark.parametrize(
    "apposition",
    ["who was formerly chief constable", "formerly chief constable", "previously chief constable"],
)
def test_roles_formerly_or_previously_before_a_title_is_a_post_held_before(
    make_article, apposition
):
    text = (
        "New inspector named\n\nHMIC published its list of inspectors.\n\n"
        f"Mike Cunningham, {apposition} of Staffordshire, has experience as a serving officer."
    )
    got = {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(make_article(text)).roles
    }
    assert got == {("Mike Cunningham", "chief-constable", "staffordshire", "former")}


def test_roles_a_person_who_led_a_force_as_a_title_held_it_there(make_article):
    # "NAME had led BODY as TITLE": the body's title, held before; "has led": held still
    text = (
        "New inspector named\n\nStephen Otter left HMIC earlier this year.\n\n"
        "Mr Otter had led Devon and Cornwall police as chief constable from 2007 to 2012."
    )
    got = {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(make_article(text)).roles
    }
    assert ("Stephen Otter", "chief-constable", "devon-and-cornwall", "former") in got
    text = text.replace("had led", "has led").replace(" from 2007 to 2012", " since 2007")
    got = {
        (r.person, r.role, r.org, r.qualifier) for r in extract_article(make_article(text)).roles
    }
    assert ("Stephen Otter", "chief-constable", "devon-and-cornwall", None) in got


def test_roles_a_councillor_of_the_council_whose_place_the_article_puts_before_it(make_article):
    # of two councils named, the one whose place comes before "councillor"
    text = (
        "Panel report\n\n"
        "Members of Cumberland Council and Westmorland and Furness Council sit on the "
        "panel.\n\n"
        'Bill McEwan, a Westmorland and Furness councillor, said: "The context has changed."'
        "\n\nCllr McEwan thanked everyone who had sat on the panel."
    )
    got = {(r.person, r.role, r.org) for r in extract_article(make_article(text)).roles}
    assert ("Bill McEwan", "councillor", "named-westmorland-and-furness-council") in got


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "The powers go to Andy Street, the Conservative mayor for the West Midlands.",
            ("Andy Street", "mayor-of-west-midlands", "west-midlands-combined-authority"),
        ),
        (
            "A report by Liz Calderbank, the chief inspector for probation, found failings.",
            (
                "Liz Calderbank",
                "hm-chief-inspector-of-probation",
                "his-majesty-s-inspectorate-of-probation",
            ),
        ),
    ],
)
def test_roles_a_title_of_a_place_or_body_is_written_for_it_too(make_article, text, role):
    claims = extract_article(make_article(f"Headline here\n\n{text}\n"))
    assert role in {(r.person, r.role, r.org) for r in claims.roles}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Prime Minister Boris Johnson said the report was damning.",
            ("Boris Johnson", "prime-minister", None),
        ),
        (
            "The prime minister, David Cameron, said it was right.",
            ("David Cameron", "prime-minister", None),
        ),
        (
            "Immigration minister Damian Green said the research was out of date.",
            ("Damian Green", "home-office-minister", "home-office"),
        ),
    ],
)
def test_roles_the_prime_minister_and_the_immigration_minister(make_article, text, role):
    claims = extract_article(make_article(f"Headline here\n\n{text}\n"))
    assert role in {(r.person, r.role, r.org) for r in claims.roles}
