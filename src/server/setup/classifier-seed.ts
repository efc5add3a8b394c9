/**
 * Reference seed of the two-level classifier (kind → question type) with routing rules.
 *
 * The kinds are the 40 busiest kinds of Kyiv Contact Centre 1551 (September 2025, see
 * `data/kyiv1551/kind-counts-2025-09.tsv`), spelled and ordered as there. The question types under
 * each kind are our own derivation. `termDays` is the legal term by Law 393/96-ВР Art. 20: 15 days for
 * matters that need no extra study, 30 by default, never above 45; emergencies get 1 day. A
 * consultation is answered on the spot (term 0: it closes the same day). `executorKey` is the default
 * main executor (routing rule), a key of ORGANISATIONS_SEED. Pure data.
 */

export interface SeedQuestionType {
  name: string;
  nameEn: string;
  termDays: number;
  isEmergency?: boolean;
  isPublic?: boolean;
  executorKey: string;
}

export interface SeedKind {
  name: string;
  nameEn: string;
  questionTypes: readonly SeedQuestionType[];
}

export const CLASSIFIER_SEED: readonly SeedKind[] = [
  {
    name: 'Гаряче водопостачання',
    nameEn: 'Hot water supply',
    questionTypes: [
      {
        name: 'Відсутність гарячого водопостачання',
        nameEn: 'No hot water supply',
        termDays: 15,
        executorKey: 'teploenergo',
      },
      {
        name: 'Низька температура гарячої води',
        nameEn: 'Low hot water temperature',
        termDays: 15,
        executorKey: 'teploenergo',
      },
      {
        name: 'Низький тиск гарячої води',
        nameEn: 'Low hot water pressure',
        termDays: 15,
        executorKey: 'teploenergo',
      },
      {
        name: 'Протікання трубопроводу гарячої води',
        nameEn: 'Leaking hot water pipe',
        termDays: 15,
        executorKey: 'teploenergo',
      },
      {
        name: 'Аварія на мережі гарячого водопостачання',
        nameEn: 'Accident on the hot water network',
        termDays: 1,
        isEmergency: true,
        executorKey: 'teploenergo',
      },
      {
        name: 'Невідновлення гарячого водопостачання після планових робіт',
        nameEn: 'Hot water not restored after scheduled works',
        termDays: 15,
        executorKey: 'teploenergo',
      },
    ],
  },
  {
    name: 'Ліфт',
    nameEn: 'Lift',
    questionTypes: [
      {
        name: 'Не працює ліфт',
        nameEn: 'Lift out of order',
        termDays: 15,
        executorKey: 'lift-service',
      },
      {
        name: 'Застрягання людей у ліфті',
        nameEn: 'People stuck in a lift',
        termDays: 1,
        isEmergency: true,
        executorKey: 'lift-service',
      },
      {
        name: 'Несправність кнопок виклику або освітлення кабіни',
        nameEn: 'Faulty call buttons or car lighting',
        termDays: 15,
        executorKey: 'lift-service',
      },
      {
        name: 'Несправність диспетчерського зв’язку ліфта',
        nameEn: 'Faulty lift intercom to the dispatcher',
        termDays: 15,
        executorKey: 'lift-service',
      },
      {
        name: 'Незадовільний санітарний стан кабіни ліфта',
        nameEn: 'Poor sanitary condition of the lift car',
        termDays: 15,
        executorKey: 'lift-service',
      },
      {
        name: 'Затримка ремонту або модернізації ліфта',
        nameEn: 'Delay in lift repair or modernisation',
        termDays: 30,
        executorKey: 'lift-service',
      },
    ],
  },
  {
    name: 'Обслуговування зовнішніх та внутрішньобудинкових систем',
    nameEn: 'Maintenance of external and in-house building systems',
    questionTypes: [
      {
        name: 'Засмічення каналізаційного стояка',
        nameEn: 'Blocked sewer stack',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Несправність внутрішньобудинкової каналізації',
        nameEn: 'Faulty in-house sewerage',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Несправність вентиляції та димовидалення',
        nameEn: 'Faulty ventilation or smoke extraction',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Несправність внутрішньобудинкової електромережі',
        nameEn: 'Faulty in-house electrical wiring',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Несправність водостічних труб і зливової системи будинку',
        nameEn: 'Faulty downpipes and roof drainage',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Відкритий або пошкоджений каналізаційний колодязь',
        nameEn: 'Open or damaged sewer manhole',
        termDays: 15,
        executorKey: 'vodokanal',
      },
    ],
  },
  {
    name: 'Санітарний стан приміщень; територій та об’єктів благоустрою',
    nameEn: 'Sanitary condition of premises, territories and amenity objects',
    questionTypes: [
      {
        name: 'Незадовільний санітарний стан прибудинкової території',
        nameEn: 'Poor sanitary condition of a residential courtyard',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Незадовільний санітарний стан під’їзду',
        nameEn: 'Poor sanitary condition of an entrance hall',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Забруднення парку, скверу або зеленої зони',
        nameEn: 'Litter in a park, square or green area',
        termDays: 15,
        executorKey: 'green-spaces',
      },
      {
        name: 'Незадовільний санітарний стан зупинки громадського транспорту',
        nameEn: 'Poor sanitary condition of a public transport stop',
        termDays: 15,
        executorKey: 'public-transport',
      },
      {
        name: 'Незадовільний стан громадської вбиральні',
        nameEn: 'Poor condition of a public toilet',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
    ],
  },
  {
    name: 'Інші питання',
    nameEn: 'Other questions',
    questionTypes: [
      { name: 'Консультація', nameEn: 'Consultation', termDays: 0, executorKey: 'contact-centre' },
      {
        name: 'Довідкова інформація про роботу міських служб',
        nameEn: 'Reference information on city services',
        termDays: 15,
        executorKey: 'contact-centre',
      },
      {
        name: 'Питання поза компетенцією міської ради',
        nameEn: "Matter outside the city council's competence",
        termDays: 15,
        executorKey: 'contact-centre',
      },
      {
        name: 'Робота контактного центру',
        nameEn: 'Work of the contact centre',
        termDays: 30,
        executorKey: 'contact-centre',
      },
      {
        name: 'Інше питання, що потребує розгляду',
        nameEn: 'Other matter requiring consideration',
        termDays: 30,
        executorKey: 'city-council',
      },
      {
        name: 'Повторне звернення щодо зареєстрованого звернення',
        nameEn: 'Follow-up on an already registered appeal',
        termDays: 15,
        isPublic: false,
        executorKey: 'contact-centre',
      },
    ],
  },
  {
    name: 'Утримання будинку',
    nameEn: 'Building maintenance',
    questionTypes: [
      {
        name: 'Протікання покрівлі',
        nameEn: 'Leaking roof',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Ремонт під’їзду',
        nameEn: 'Entrance hall repair',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Заміна вікон і дверей у місцях загального користування',
        nameEn: 'Replacing windows and doors in common areas',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Несправність вхідних дверей або домофона під’їзду',
        nameEn: 'Faulty entrance door or door intercom',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Ремонт фасаду, балконів і козирків',
        nameEn: 'Repair of facade, balconies and canopies',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Незадовільний стан підвалу або горища',
        nameEn: 'Poor condition of a basement or attic',
        termDays: 15,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Холодне водопостачання',
    nameEn: 'Cold water supply',
    questionTypes: [
      {
        name: 'Відсутність холодного водопостачання',
        nameEn: 'No cold water supply',
        termDays: 15,
        executorKey: 'vodokanal',
      },
      {
        name: 'Низький тиск холодної води',
        nameEn: 'Low cold water pressure',
        termDays: 15,
        executorKey: 'vodokanal',
      },
      {
        name: 'Незадовільна якість питної води',
        nameEn: 'Poor drinking water quality',
        termDays: 15,
        executorKey: 'vodokanal',
      },
      {
        name: 'Порив водопровідної мережі',
        nameEn: 'Water main burst',
        termDays: 1,
        isEmergency: true,
        executorKey: 'vodokanal',
      },
      {
        name: 'Витікання води з колодязя або гідранта',
        nameEn: 'Water leaking from a manhole or hydrant',
        termDays: 15,
        executorKey: 'vodokanal',
      },
      {
        name: 'Не працює бювет',
        nameEn: 'Public drinking-water pump room out of order',
        termDays: 15,
        executorKey: 'vodokanal',
      },
    ],
  },
  {
    name: 'Утримання зелених насаджень',
    nameEn: 'Care of green spaces',
    questionTypes: [
      {
        name: 'Видалення аварійних і сухостійних дерев',
        nameEn: 'Removal of hazardous and dead trees',
        termDays: 15,
        executorKey: 'green-spaces',
      },
      {
        name: 'Падіння дерева на дорогу, автомобіль або лінію електропередачі',
        nameEn: 'Tree fallen onto a road, car or power line',
        termDays: 1,
        isEmergency: true,
        executorKey: 'green-spaces',
      },
      {
        name: 'Обрізування гілля та кронування дерев',
        nameEn: 'Pruning and crown trimming of trees',
        termDays: 30,
        executorKey: 'green-spaces',
      },
      { name: 'Покіс трави', nameEn: 'Grass mowing', termDays: 15, executorKey: 'green-spaces' },
      {
        name: 'Висадження дерев та озеленення',
        nameEn: 'Tree planting and landscaping',
        termDays: 30,
        executorKey: 'green-spaces',
      },
      {
        name: 'Незаконна вирубка дерев',
        nameEn: 'Illegal tree felling',
        termDays: 15,
        executorKey: 'dept-ecology',
      },
    ],
  },
  {
    name: 'Транспорт',
    nameEn: 'Transport',
    questionTypes: [
      {
        name: 'Порушення графіка руху громадського транспорту',
        nameEn: 'Public transport not keeping to the timetable',
        termDays: 15,
        executorKey: 'public-transport',
      },
      {
        name: 'Поведінка водія або кондуктора',
        nameEn: 'Conduct of a driver or conductor',
        termDays: 15,
        executorKey: 'public-transport',
      },
      {
        name: 'Технічний і санітарний стан транспортного засобу',
        nameEn: 'Technical and sanitary condition of a vehicle',
        termDays: 15,
        executorKey: 'public-transport',
      },
      {
        name: 'Відкриття або зміна маршруту',
        nameEn: 'Opening or changing a route',
        termDays: 30,
        executorKey: 'dept-transport',
      },
      {
        name: 'Робота маршрутних таксі',
        nameEn: 'Operation of minibus taxis',
        termDays: 15,
        executorKey: 'dept-transport',
      },
      {
        name: 'Оплата проїзду та електронний квиток',
        nameEn: 'Fare payment and e-ticket',
        termDays: 15,
        executorKey: 'dept-transport',
      },
    ],
  },
  {
    name: 'Зауваження та претензії по роботі',
    nameEn: 'Remarks and complaints about work',
    questionTypes: [
      {
        name: 'Скарга на роботу керуючої компанії',
        nameEn: 'Complaint about a property management company',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Скарга на роботу комунального підприємства',
        nameEn: 'Complaint about a municipal enterprise',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Скарга на роботу районної державної адміністрації',
        nameEn: 'Complaint about a district administration',
        termDays: 30,
        executorKey: 'city-council',
      },
      {
        name: 'Скарга на роботу оператора контактного центру',
        nameEn: 'Complaint about a contact-centre operator',
        termDays: 30,
        executorKey: 'contact-centre',
      },
      {
        name: 'Формальна відповідь на звернення',
        nameEn: 'Formal (perfunctory) reply to an appeal',
        termDays: 30,
        executorKey: 'contact-centre',
      },
      {
        name: 'Порушення строків розгляду звернення',
        nameEn: 'Deadline breach in handling an appeal',
        termDays: 15,
        executorKey: 'contact-centre',
      },
    ],
  },
  {
    name: 'Прибирання; санітарне утримання території; приміщень та об’єктів благоустрою',
    nameEn: 'Cleaning and sanitary upkeep of territories, premises and amenity objects',
    questionTypes: [
      {
        name: 'Прибирання прибудинкової території',
        nameEn: 'Cleaning of a residential courtyard',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Прибирання сходових клітин',
        nameEn: 'Cleaning of stairwells',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Прибирання вулиць і тротуарів',
        nameEn: 'Cleaning of streets and pavements',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Прибирання снігу та ожеледі на прибудинковій території',
        nameEn: 'Snow and ice clearing in a residential courtyard',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Прибирання снігу та ожеледі на вулицях і тротуарах',
        nameEn: 'Snow and ice clearing on streets and pavements',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Прибирання опалого листя',
        nameEn: 'Removal of fallen leaves',
        termDays: 15,
        executorKey: 'green-spaces',
      },
    ],
  },
  {
    name: 'Ремонт та укладання асфальтного покриття',
    nameEn: 'Asphalt repair and laying',
    questionTypes: [
      {
        name: 'Ямковий ремонт проїжджої частини',
        nameEn: 'Pothole repair on a carriageway',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Ремонт асфальтного покриття тротуару',
        nameEn: 'Pavement asphalt repair',
        termDays: 30,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Ремонт асфальтного покриття прибудинкової території',
        nameEn: 'Asphalt repair in a residential courtyard',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Відновлення покриття після розкопок',
        nameEn: 'Restoring the surface after excavation',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Капітальний ремонт дороги',
        nameEn: 'Major road repair',
        termDays: 30,
        executorKey: 'dept-roads',
      },
    ],
  },
  {
    name: 'Дорожнє господарство',
    nameEn: 'Roads',
    questionTypes: [
      {
        name: 'Несправність світлофора',
        nameEn: 'Faulty traffic light',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Встановлення або заміна дорожніх знаків',
        nameEn: 'Installing or replacing road signs',
        termDays: 30,
        executorKey: 'dept-roads',
      },
      {
        name: 'Нанесення дорожньої розмітки',
        nameEn: 'Road marking',
        termDays: 30,
        executorKey: 'dept-roads',
      },
      {
        name: 'Облаштування пішохідного переходу або штучної нерівності',
        nameEn: 'Pedestrian crossing or speed bump',
        termDays: 30,
        executorKey: 'dept-roads',
      },
      {
        name: 'Відкритий або пошкоджений люк на проїжджій частині',
        nameEn: 'Open or damaged manhole on a carriageway',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
      {
        name: 'Підтоплення проїжджої частини',
        nameEn: 'Flooding of a carriageway',
        termDays: 15,
        executorKey: 'road-maintenance',
      },
    ],
  },
  {
    name: 'Пропозиції та побажання по роботі',
    nameEn: 'Proposals and wishes about work',
    questionTypes: [
      {
        name: 'Пропозиції щодо роботи комунальних служб',
        nameEn: 'Proposals on municipal services',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Пропозиції щодо благоустрою міста',
        nameEn: 'Proposals on city improvement',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Пропозиції щодо роботи громадського транспорту',
        nameEn: 'Proposals on public transport',
        termDays: 30,
        executorKey: 'dept-transport',
      },
      {
        name: 'Пропозиції щодо роботи контактного центру',
        nameEn: 'Proposals on the contact centre',
        termDays: 30,
        executorKey: 'contact-centre',
      },
      {
        name: 'Пропозиції щодо діяльності міської ради',
        nameEn: 'Proposals on the work of the city council',
        termDays: 30,
        executorKey: 'city-council',
      },
    ],
  },
  {
    name: 'Електропостачання',
    nameEn: 'Electricity supply',
    questionTypes: [
      {
        name: 'Відсутність електропостачання',
        nameEn: 'No electricity supply',
        termDays: 15,
        executorKey: 'electricity-supply',
      },
      {
        name: 'Аварія на електромережі',
        nameEn: 'Accident on the power grid',
        termDays: 1,
        isEmergency: true,
        executorKey: 'electricity-supply',
      },
      {
        name: 'Перепади напруги',
        nameEn: 'Voltage fluctuations',
        termDays: 15,
        executorKey: 'electricity-supply',
      },
      {
        name: 'Графіки відключень електроенергії',
        nameEn: 'Power outage schedules',
        termDays: 15,
        executorKey: 'electricity-supply',
      },
      {
        name: 'Встановлення або заміна електролічильника',
        nameEn: 'Installing or replacing an electricity meter',
        termDays: 30,
        executorKey: 'electricity-supply',
      },
    ],
  },
  {
    name: 'Освітлення приміщень',
    nameEn: 'Lighting of premises',
    questionTypes: [
      {
        name: 'Відсутність освітлення в під’їзді та на сходових клітинах',
        nameEn: 'No lighting in the entrance hall and stairwells',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Відсутність освітлення в ліфтовому холі',
        nameEn: 'No lighting in the lift lobby',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Відсутність освітлення в підвалі або на горищі',
        nameEn: 'No lighting in the basement or attic',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Відсутність освітлення над входом до під’їзду',
        nameEn: 'No light above the entrance door',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Встановлення енергоощадних світильників',
        nameEn: 'Installing energy-saving light fittings',
        termDays: 30,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Порушення правил виконання робіт на об’єктах благоустрою',
    nameEn: 'Violation of the rules for works on amenity objects',
    questionTypes: [
      {
        name: 'Проведення земляних робіт без дозволу',
        nameEn: 'Excavation works without a permit',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Невідновлення благоустрою після завершення робіт',
        nameEn: 'Amenities not restored after works',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Відсутність огородження місця робіт',
        nameEn: 'Work site not fenced off',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Порушення строків проведення робіт',
        nameEn: 'Works overrunning their deadline',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Забруднення території будівельним майданчиком',
        nameEn: 'Territory soiled by a construction site',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
    ],
  },
  {
    name: 'Сміття',
    nameEn: 'Waste',
    questionTypes: [
      {
        name: 'Несвоєчасне вивезення побутових відходів',
        nameEn: 'Late collection of household waste',
        termDays: 15,
        executorKey: 'waste-removal',
      },
      {
        name: 'Вивезення великогабаритних і будівельних відходів',
        nameEn: 'Collection of bulky and construction waste',
        termDays: 15,
        executorKey: 'waste-removal',
      },
      {
        name: 'Стихійне сміттєзвалище',
        nameEn: 'Illegal dump',
        termDays: 15,
        executorKey: 'waste-removal',
      },
      {
        name: 'Встановлення або заміна контейнерів для сміття',
        nameEn: 'Installing or replacing waste containers',
        termDays: 30,
        executorKey: 'waste-removal',
      },
      {
        name: 'Роздільне збирання відходів',
        nameEn: 'Separate waste collection',
        termDays: 30,
        executorKey: 'waste-removal',
      },
      {
        name: 'Несправність або засмічення сміттєпроводу',
        nameEn: 'Faulty or blocked refuse chute',
        termDays: 15,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Житлове господарство',
    nameEn: 'Housing',
    questionTypes: [
      {
        name: 'Створення ОСББ та передача будинку в управління',
        nameEn: 'Forming a condominium association and transferring building management',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Капітальний ремонт житлового будинку',
        nameEn: 'Capital repair of a residential building',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Аварійний стан житлового будинку',
        nameEn: 'Hazardous condition of a residential building',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Квартирний облік і надання житла',
        nameEn: 'Housing waiting list and allocation of housing',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Приватизація житла',
        nameEn: 'Privatisation of housing',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Перепланування та переведення житла в нежитловий фонд',
        nameEn: 'Re-planning and conversion of housing to non-residential use',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
    ],
  },
  {
    name: 'Соціальне забезпечення',
    nameEn: 'Social security',
    questionTypes: [
      {
        name: 'Призначення житлової субсидії',
        nameEn: 'Housing subsidy',
        termDays: 30,
        executorKey: 'dept-social',
      },
      {
        name: 'Призначення та виплата соціальних допомог',
        nameEn: 'Award and payment of social benefits',
        termDays: 30,
        executorKey: 'dept-social',
      },
      {
        name: 'Пільги на оплату житлово-комунальних послуг',
        nameEn: 'Utility bill concessions',
        termDays: 30,
        executorKey: 'dept-social',
      },
      {
        name: 'Матеріальна допомога',
        nameEn: 'One-off financial aid',
        termDays: 30,
        executorKey: 'dept-social',
      },
      {
        name: 'Догляд вдома та послуги соціального працівника',
        nameEn: 'Home care and social worker services',
        termDays: 15,
        executorKey: 'dept-social',
      },
      {
        name: 'Підтримка внутрішньо переміщених осіб',
        nameEn: 'Support for internally displaced persons',
        termDays: 30,
        executorKey: 'dept-social',
      },
    ],
  },
  {
    name: 'Освітлення територій',
    nameEn: 'Outdoor lighting',
    questionTypes: [
      {
        name: 'Не працює вуличне освітлення',
        nameEn: 'Street lighting not working',
        termDays: 15,
        executorKey: 'street-lighting',
      },
      {
        name: 'Вуличне освітлення горить удень',
        nameEn: 'Street lighting on during the day',
        termDays: 15,
        executorKey: 'street-lighting',
      },
      {
        name: 'Пошкоджена або нахилена опора освітлення',
        nameEn: 'Damaged or leaning lighting pole',
        termDays: 15,
        executorKey: 'street-lighting',
      },
      {
        name: 'Встановлення нових опор і світильників',
        nameEn: 'Installing new poles and lamps',
        termDays: 30,
        executorKey: 'street-lighting',
      },
      {
        name: 'Відсутність освітлення прибудинкової території',
        nameEn: 'No lighting in a residential courtyard',
        termDays: 15,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Облаштування майданчиків',
    nameEn: 'Playgrounds and other grounds',
    questionTypes: [
      {
        name: 'Встановлення дитячого майданчика',
        nameEn: 'Installing a playground',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Ремонт дитячого або спортивного майданчика',
        nameEn: 'Repairing a playground or sports ground',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Небезпечне або пошкоджене обладнання майданчика',
        nameEn: 'Dangerous or damaged playground equipment',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Облаштування майданчика для вигулу собак',
        nameEn: 'Dog-walking area',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Облаштування контейнерного майданчика',
        nameEn: 'Waste container area',
        termDays: 30,
        executorKey: 'waste-removal',
      },
      {
        name: 'Облаштування паркувального майданчика',
        nameEn: 'Parking area',
        termDays: 30,
        executorKey: 'dept-transport',
      },
    ],
  },
  {
    name: 'Перерахунки; нарахування плати та боргу; укладання договорів',
    nameEn: 'Recalculations, charges and debts, contracts',
    questionTypes: [
      {
        name: 'Перерахунок плати за неякісні послуги',
        nameEn: 'Recalculation for poor-quality services',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Перерахунок за опалення та гаряче водопостачання',
        nameEn: 'Recalculation for heating and hot water',
        termDays: 30,
        executorKey: 'teploenergo',
      },
      {
        name: 'Перерахунок за водопостачання та водовідведення',
        nameEn: 'Recalculation for water supply and sewerage',
        termDays: 30,
        executorKey: 'vodokanal',
      },
      {
        name: 'Нарахування боргу та реструктуризація заборгованості',
        nameEn: 'Debt charges and debt restructuring',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Укладання або розірвання договору про надання комунальних послуг',
        nameEn: 'Concluding or terminating a utility services contract',
        termDays: 30,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Антисанітарний стан',
    nameEn: 'Unsanitary conditions',
    questionTypes: [
      {
        name: 'Антисанітарний стан квартири',
        nameEn: 'Unsanitary conditions in a flat',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Гризуни та комахи (дератизація, дезінсекція)',
        nameEn: 'Rodents and insects (pest control)',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Неприємний запах у під’їзді або підвалі',
        nameEn: 'Unpleasant smell in the entrance hall or basement',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Підтоплення підвалу',
        nameEn: 'Flooded basement',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Антисанітарний стан закладу харчування',
        nameEn: 'Unsanitary catering establishment',
        termDays: 30,
        executorKey: 'dept-trade',
      },
    ],
  },
  {
    name: 'Укриття',
    nameEn: 'Shelters',
    questionTypes: [
      {
        name: 'Зачинене укриття під час повітряної тривоги',
        nameEn: 'Shelter locked during an air-raid alert',
        termDays: 1,
        isEmergency: true,
        executorKey: 'dept-civil-protection',
      },
      {
        name: 'Незадовільний стан укриття',
        nameEn: 'Poor condition of a shelter',
        termDays: 15,
        executorKey: 'dept-civil-protection',
      },
      {
        name: 'Відсутність покажчиків до укриття',
        nameEn: 'No signs pointing to the shelter',
        termDays: 15,
        executorKey: 'dept-civil-protection',
      },
      {
        name: 'Облаштування нового укриття',
        nameEn: 'Arranging a new shelter',
        termDays: 30,
        executorKey: 'dept-civil-protection',
      },
      {
        name: 'Розташування найближчого укриття',
        nameEn: 'Location of the nearest shelter',
        termDays: 15,
        executorKey: 'dept-civil-protection',
      },
    ],
  },
  {
    name: 'Торгівля',
    nameEn: 'Trade',
    questionTypes: [
      {
        name: 'Стихійна торгівля',
        nameEn: 'Unauthorised street trading',
        termDays: 15,
        executorKey: 'dept-trade',
      },
      {
        name: 'Порушення правил торгівлі та прав споживачів',
        nameEn: 'Breach of trading rules and consumer rights',
        termDays: 30,
        executorKey: 'dept-trade',
      },
      {
        name: 'Продаж алкоголю або тютюну неповнолітнім',
        nameEn: 'Sale of alcohol or tobacco to minors',
        termDays: 15,
        executorKey: 'dept-trade',
      },
      {
        name: 'Робота ринків і ярмарків',
        nameEn: 'Markets and fairs',
        termDays: 30,
        executorKey: 'dept-trade',
      },
      {
        name: 'Шум від закладу торгівлі або харчування',
        nameEn: 'Noise from a shop or eatery',
        termDays: 15,
        executorKey: 'dept-trade',
      },
    ],
  },
  {
    name: 'Порушення громадського порядку і безпеки',
    nameEn: 'Breaches of public order and safety',
    questionTypes: [
      {
        name: 'Порушення тиші в нічний час',
        nameEn: 'Noise at night',
        termDays: 15,
        executorKey: 'municipal-guard',
      },
      {
        name: 'Розпивання алкогольних напоїв у громадських місцях',
        nameEn: 'Drinking alcohol in public places',
        termDays: 15,
        executorKey: 'municipal-guard',
      },
      {
        name: 'Паркування на тротуарах і газонах',
        nameEn: 'Parking on pavements and lawns',
        termDays: 15,
        executorKey: 'municipal-guard',
      },
      {
        name: 'Покинуті транспортні засоби',
        nameEn: 'Abandoned vehicles',
        termDays: 30,
        executorKey: 'municipal-guard',
      },
      {
        name: 'Вандалізм і пошкодження комунального майна',
        nameEn: 'Vandalism and damage to municipal property',
        termDays: 15,
        executorKey: 'dept-security',
      },
    ],
  },
  {
    name: 'Подяки',
    nameEn: 'Thanks',
    questionTypes: [
      {
        name: 'Подяка комунальним службам',
        nameEn: 'Thanks to municipal services',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Подяка оператору контактного центру',
        nameEn: 'Thanks to a contact-centre operator',
        termDays: 15,
        executorKey: 'contact-centre',
      },
      {
        name: 'Подяка працівникам громадського транспорту',
        nameEn: 'Thanks to public transport staff',
        termDays: 15,
        executorKey: 'public-transport',
      },
      {
        name: 'Подяка органам місцевого самоврядування',
        nameEn: 'Thanks to local government',
        termDays: 15,
        executorKey: 'city-council',
      },
    ],
  },
  {
    name: 'Газифікація',
    nameEn: 'Gas supply',
    questionTypes: [
      {
        name: 'Запах газу',
        nameEn: 'Smell of gas',
        termDays: 1,
        isEmergency: true,
        executorKey: 'gas-supply',
      },
      {
        name: 'Аварія на газопроводі',
        nameEn: 'Accident on a gas pipeline',
        termDays: 1,
        isEmergency: true,
        executorKey: 'gas-supply',
      },
      {
        name: 'Відсутність газопостачання',
        nameEn: 'No gas supply',
        termDays: 15,
        executorKey: 'gas-supply',
      },
      {
        name: 'Низький тиск газу',
        nameEn: 'Low gas pressure',
        termDays: 15,
        executorKey: 'gas-supply',
      },
      {
        name: 'Технічне обслуговування газового обладнання',
        nameEn: 'Servicing of gas equipment',
        termDays: 30,
        executorKey: 'gas-supply',
      },
      {
        name: 'Підключення до газорозподільної мережі',
        nameEn: 'Connection to the gas distribution network',
        termDays: 30,
        executorKey: 'gas-supply',
      },
    ],
  },
  {
    name: 'Перевірка наявності дозвільної документації; в разі її відсутності - демонтаж',
    nameEn: 'Checking permits and, if there are none, dismantling',
    questionTypes: [
      {
        name: 'Перевірка дозволу на розміщення тимчасової споруди',
        nameEn: 'Checking the permit for a temporary structure',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Самовільне встановлення огорожі або шлагбаума',
        nameEn: 'Unauthorised fence or barrier',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Самовільне будівництво гаража або прибудови',
        nameEn: 'Unauthorised garage or extension',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
      {
        name: 'Демонтаж самовільно встановлених конструкцій',
        nameEn: 'Dismantling of unauthorised structures',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
    ],
  },
  {
    name: 'Зовнішня реклама',
    nameEn: 'Outdoor advertising',
    questionTypes: [
      {
        name: 'Незаконна рекламна конструкція',
        nameEn: 'Illegal advertising structure',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Пошкоджена або аварійна рекламна конструкція',
        nameEn: 'Damaged or unsafe advertising structure',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Розклеювання оголошень у недозволених місцях',
        nameEn: 'Posting notices in unauthorised places',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Надмірне освітлення або шум від реклами',
        nameEn: 'Excessive light or noise from advertising',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
    ],
  },
  {
    name: 'Екологічна безпека',
    nameEn: 'Environmental safety',
    questionTypes: [
      {
        name: 'Забруднення повітря викидами підприємств',
        nameEn: 'Air pollution from industrial emissions',
        termDays: 30,
        executorKey: 'dept-ecology',
      },
      {
        name: 'Спалювання листя та сміття',
        nameEn: 'Burning of leaves and rubbish',
        termDays: 15,
        executorKey: 'dept-ecology',
      },
      {
        name: 'Забруднення водойм',
        nameEn: 'Pollution of water bodies',
        termDays: 30,
        executorKey: 'dept-ecology',
      },
      {
        name: 'Шумове забруднення від підприємств',
        nameEn: 'Noise pollution from enterprises',
        termDays: 30,
        executorKey: 'dept-ecology',
      },
      {
        name: 'Стан пляжів і зон відпочинку біля води',
        nameEn: 'Condition of beaches and waterside recreation areas',
        termDays: 15,
        executorKey: 'dept-ecology',
      },
    ],
  },
  {
    name: 'Архітектура; капітальне будівництво та реконструкція',
    nameEn: 'Architecture, capital construction and reconstruction',
    questionTypes: [
      {
        name: 'Законність будівництва',
        nameEn: 'Legality of construction',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
      {
        name: 'Порушення будівельних норм під час будівництва',
        nameEn: 'Breach of building codes during construction',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
      {
        name: 'Реконструкція та капітальний ремонт об’єктів',
        nameEn: 'Reconstruction and capital repair of buildings',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
      {
        name: 'Детальні плани територій та громадські слухання',
        nameEn: 'Detailed area plans and public hearings',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
      {
        name: 'Незавершене будівництво та проблемні об’єкти',
        nameEn: 'Unfinished and problem construction projects',
        termDays: 30,
        executorKey: 'dept-architecture',
      },
    ],
  },
  {
    name: 'Освіта і наука',
    nameEn: 'Education and science',
    questionTypes: [
      {
        name: 'Зарахування дитини до закладу дошкільної освіти',
        nameEn: 'Kindergarten enrolment',
        termDays: 30,
        executorKey: 'dept-education',
      },
      {
        name: 'Зарахування дитини до школи',
        nameEn: 'School enrolment',
        termDays: 30,
        executorKey: 'dept-education',
      },
      {
        name: 'Харчування в закладах освіти',
        nameEn: 'Meals in educational institutions',
        termDays: 15,
        executorKey: 'dept-education',
      },
      {
        name: 'Стан приміщень закладу освіти',
        nameEn: 'Condition of school or kindergarten premises',
        termDays: 30,
        executorKey: 'dept-education',
      },
      {
        name: 'Позашкільна освіта та гуртки',
        nameEn: 'Out-of-school education and clubs',
        termDays: 30,
        executorKey: 'dept-education',
      },
    ],
  },
  {
    name: 'Питання квитанцій',
    nameEn: 'Utility bills',
    questionTypes: [
      {
        name: 'Неотримання квитанції',
        nameEn: 'Bill not received',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Помилка в квитанції',
        nameEn: 'Error in a bill',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Зміна власника або особового рахунку',
        nameEn: 'Change of owner or personal account',
        termDays: 30,
        executorKey: 'dept-housing',
      },
      {
        name: 'Отримання квитанції в електронному вигляді',
        nameEn: 'Receiving bills electronically',
        termDays: 15,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Функціонування МАФ',
    nameEn: 'Kiosks and small architectural forms',
    questionTypes: [
      {
        name: 'Незаконно встановлений МАФ',
        nameEn: 'Illegally installed kiosk',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Порушення режиму роботи МАФ',
        nameEn: 'Kiosk breaching its opening hours',
        termDays: 15,
        executorKey: 'dept-trade',
      },
      {
        name: 'Незадовільний санітарний стан біля МАФ',
        nameEn: 'Poor sanitary condition around a kiosk',
        termDays: 15,
        executorKey: 'dept-improvement',
      },
      {
        name: 'Демонтаж МАФ',
        nameEn: 'Dismantling a kiosk',
        termDays: 30,
        executorKey: 'dept-improvement',
      },
    ],
  },
  {
    name: 'Ветеринарна медицина та догляд за тваринами',
    nameEn: 'Veterinary medicine and animal care',
    questionTypes: [
      {
        name: 'Безпритульні тварини',
        nameEn: 'Stray animals',
        termDays: 15,
        executorKey: 'dept-veterinary',
      },
      {
        name: 'Агресивні тварини',
        nameEn: 'Aggressive animals',
        termDays: 15,
        executorKey: 'dept-veterinary',
      },
      {
        name: 'Прибирання загиблої тварини',
        nameEn: 'Removal of a dead animal',
        termDays: 15,
        executorKey: 'dept-veterinary',
      },
      {
        name: 'Жорстоке поводження з тваринами',
        nameEn: 'Cruelty to animals',
        termDays: 15,
        executorKey: 'dept-veterinary',
      },
      {
        name: 'Вакцинація та стерилізація тварин',
        nameEn: 'Vaccination and sterilisation of animals',
        termDays: 30,
        executorKey: 'dept-veterinary',
      },
    ],
  },
  {
    name: 'Залиття квартири',
    nameEn: 'Flooding of a flat',
    questionTypes: [
      {
        name: 'Залиття квартири з покрівлі',
        nameEn: 'Flat flooded from the roof',
        termDays: 1,
        isEmergency: true,
        executorKey: 'dept-housing',
      },
      {
        name: 'Залиття квартири сусідами',
        nameEn: 'Flat flooded by neighbours',
        termDays: 1,
        isEmergency: true,
        executorKey: 'dept-housing',
      },
      {
        name: 'Залиття квартири через аварію на внутрішньобудинкових мережах',
        nameEn: 'Flat flooded by an accident on in-house pipes',
        termDays: 1,
        isEmergency: true,
        executorKey: 'dept-housing',
      },
      {
        name: 'Складання акта про залиття',
        nameEn: 'Drawing up a flooding damage report',
        termDays: 15,
        executorKey: 'dept-housing',
      },
    ],
  },
  {
    name: 'Охорона здоров’я',
    nameEn: 'Health care',
    questionTypes: [
      {
        name: 'Запис до лікаря',
        nameEn: 'Doctor appointment',
        termDays: 15,
        executorKey: 'dept-health',
      },
      {
        name: 'Робота закладу охорони здоров’я',
        nameEn: 'Operation of a health care facility',
        termDays: 30,
        executorKey: 'dept-health',
      },
      {
        name: 'Поведінка медичного персоналу',
        nameEn: 'Conduct of medical staff',
        termDays: 30,
        executorKey: 'dept-health',
      },
      {
        name: 'Забезпечення ліками та пільгові рецепти',
        nameEn: 'Medicines and reimbursed prescriptions',
        termDays: 15,
        executorKey: 'dept-health',
      },
    ],
  },
  {
    name: 'Опалення',
    nameEn: 'Heating',
    questionTypes: [
      {
        name: 'Відсутність опалення в опалювальний період',
        nameEn: 'No heating during the heating season',
        termDays: 1,
        isEmergency: true,
        executorKey: 'teploenergo',
      },
      {
        name: 'Аварія на тепловій мережі',
        nameEn: 'Accident on the heating network',
        termDays: 1,
        isEmergency: true,
        executorKey: 'teploenergo',
      },
      {
        name: 'Недостатня температура в квартирі',
        nameEn: 'Insufficient temperature in a flat',
        termDays: 15,
        executorKey: 'teploenergo',
      },
      {
        name: 'Протікання радіатора або трубопроводу опалення',
        nameEn: 'Leaking radiator or heating pipe',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Завоздушення системи опалення',
        nameEn: 'Air lock in the heating system',
        termDays: 15,
        executorKey: 'dept-housing',
      },
      {
        name: 'Початок і завершення опалювального сезону',
        nameEn: 'Start and end of the heating season',
        termDays: 15,
        executorKey: 'teploenergo',
      },
    ],
  },
];
